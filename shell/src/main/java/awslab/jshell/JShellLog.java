package awslab.jshell;

import awslab.api.UserException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What JShell and its compiler say about themselves (a compiler crash report, its stack trace)
 * goes to the log, not to the student's screen; their failures become one clear line.
 *
 * <pre>
 * JShell.builder().err(JShellLog.stream());
 * throw JShellLog.explain(failure);
 * </pre>
 */
final class JShellLog {
    private static final System.Logger LOG = System.getLogger("awslab.jshell");
    /** A crash report's trace has a thousand lines: the log keeps the first ones. */
    static final int MAX_LINE = 2_000;

    private JShellLog() {}

    /** A stream whose lines go to the log. */
    static PrintStream stream() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    flushLine();
                } else if (line.size() < MAX_LINE) {
                    line.write(b);
                }
            }

            @Override
            public synchronized void flush() {
                flushLine();
            }

            private void flushLine() {
                if (line.size() > 0) {
                    LOG.log(System.Logger.Level.DEBUG, "jshell: " + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * What the user is told when JShell itself failed on an input: an expression too deep for the
     * compiler (its stack overflowed), or another JShell failure, in one line.
     */
    static RuntimeException explain(Throwable failure) {
        if (failure instanceof UserException user) {
            return user;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError || String.valueOf(t.getMessage()).contains("StackOverflowError")) {
                return JavaLimits.tooComplex();
            }
        }
        LOG.log(System.Logger.Level.WARNING, "JShell failed", failure);
        return new UserException(failure, "err.java.internal", failure.getClass().getSimpleName());
    }

    static void failed(Throwable startFailure) {
        LOG.log(System.Logger.Level.WARNING, "JShell did not start", startFailure);
    }
}
