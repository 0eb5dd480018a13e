package awslab.cli;

import awslab.api.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs lines in order (a {@code --script} file, or standard input when it is not a terminal),
 * Java continuation included, and stops at the first failure with a message that says which
 * line failed. Lines starting with {@code #} are comments.
 *
 * <pre>
 * int code = new ScriptRunner(session, interpreter).run(reader, "lab.awslab");
 * </pre>
 */
public final class ScriptRunner {
    private final ShellSession session;
    private final Interpreter interpreter;

    public ScriptRunner(ShellSession session, Interpreter interpreter) {
        this.session = session;
        this.interpreter = interpreter;
    }

    /** Returns 0 when every line succeeded (or {@code exit} was reached), else the failing line's code. */
    public int run(BufferedReader in, String name) {
        StringBuilder buffer = new StringBuilder();
        int lineNumber = 0;
        int startLine = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (buffer.length() == 0) {
                    if (line.strip().startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    startLine = lineNumber;
                } else {
                    buffer.append('\n');
                }
                buffer.append(line);
                String source = buffer.toString();
                if (needsMore(source)) {
                    continue;
                }
                buffer.setLength(0);
                Interpreter.Result result = interpreter.execute(source);
                if (result == Interpreter.Result.EXIT) {
                    return 0;
                }
                if (result == Interpreter.Result.FAILED) {
                    String shown = interpreter.classify(source) == Interpreter.Kind.CREDENTIALS ? "…" : firstLine(source);
                    session.console().error("err.script.failed", name, startLine, shown);
                    return Math.max(1, interpreter.lastExitCode());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (buffer.length() > 0) {
            session.console().error("err.script.incomplete", name, startLine);
            return CommandRunner.USER_ERROR;
        }
        return 0;
    }

    private boolean needsMore(String source) {
        try {
            Interpreter.check(source);
            return interpreter.needsMore(source);
        } catch (UserException e) {
            return false;
        }
    }

    private static String firstLine(String source) {
        String first = source.lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "…" : first;
    }
}
