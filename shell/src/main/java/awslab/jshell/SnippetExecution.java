package awslab.jshell;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution (snippets run in the shell's JVM and share its objects), made safe
 * for the shell: snippet classes pass through {@link SnippetRewriter} as they load (a class it
 * cannot read still runs, unrewritten, and {@code onUnguarded} is told once); while a snippet
 * runs, {@code System.out}/{@code err} are the shell's output and no standard stream can be
 * closed ({@link GuardedStreams}); Ctrl-C raises the
 * session's {@link StopFlag} as well as JShell's own stop, and stops a snippet even while it is
 * still being compiled; the exception a snippet threw is kept, so the shell can explain an AWS
 * error instead of showing a trace.
 *
 * <pre>
 * SnippetExecution execution = new SnippetExecution(out, reason -&gt; console.warn(...));
 * JShell.builder().executionEngine(execution, Map.of()).build();
 * </pre>
 */
final class SnippetExecution implements ExecutionControlProvider {
    private final AtomicReference<Throwable> lastThrown = new AtomicReference<>();
    private final AtomicBoolean unguardedTold = new AtomicBoolean();
    private final Consumer<String> onUnguarded;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final UnaryOperator<byte[]> rewriter;
    private final PrintStream snippetOut;

    /**
     * Snippets print to {@code snippetOut}; {@code onUnguarded} hears, once, why snippets run
     * without the exit and stop guards.
     */
    SnippetExecution(PrintStream snippetOut, Consumer<String> onUnguarded) {
        this(snippetOut, onUnguarded, bytes -> SnippetRewriter.rewrite(bytes, StopFlag.CLASS));
    }

    /** As above, with another rewriter (tests: one that cannot read what it is given). */
    SnippetExecution(PrintStream snippetOut, Consumer<String> onUnguarded, UnaryOperator<byte[]> rewriter) {
        this.snippetOut = GuardedStreams.unclosable(snippetOut);
        this.onUnguarded = onUnguarded;
        this.rewriter = rewriter;
    }

    @Override
    public String name() {
        return "awslab";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new Control();
    }

    /** The exception the last failing snippet threw (cleared by the read). */
    Throwable takeLastThrown() {
        return lastThrown.getAndSet(null);
    }

    /** Forgets an earlier stop: called as each new input starts. */
    void beginInput() {
        stopRequested.set(false);
    }

    /** Whether Ctrl-C came since the input started. */
    boolean stopRequested() {
        return stopRequested.get();
    }

    private final class Control extends LocalExecutionControl {
        private Field flag;

        @Override
        public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            if (flag == null) {
                super.load(new ClassBytecodes[] {new ClassBytecodes(StopFlag.NAME, StopFlag.bytes())});
                try {
                    flag = findClass(StopFlag.NAME).getField(StopFlag.FIELD);
                } catch (ClassNotFoundException | NoSuchFieldException e) {
                    throw new ClassInstallException("awslab's stop flag: " + e, new boolean[classes.length]);
                }
            }
            ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
            for (int i = 0; i < classes.length; i++) {
                rewritten[i] = new ClassBytecodes(classes[i].name(), rewrite(classes[i].bytecodes()));
            }
            super.load(rewritten);
        }

        private byte[] rewrite(byte[] bytes) {
            try {
                return rewriter.apply(bytes);
            } catch (RuntimeException e) {
                // A class file newer than the rewriter knows: run it as it is, and say so once.
                if (unguardedTold.compareAndSet(false, true)) {
                    onUnguarded.accept(String.valueOf(e.getMessage()));
                }
                return bytes;
            }
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            lastThrown.set(null);
            raise(false);
            if (stopRequested.get()) {
                throw new StoppedException(); // Ctrl-C came while it was being compiled
            }
            PrintStream out = System.out;
            PrintStream err = System.err;
            InputStream in = System.in;
            System.setOut(snippetOut);
            System.setErr(snippetOut);
            System.setIn(GuardedStreams.unclosable(in));
            try {
                return super.invoke(doitMethod);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof StopFlag.Stopped) {
                    throw new StoppedException();
                }
                lastThrown.set(e.getCause());
                throw e;
            } finally {
                snippetOut.flush();
                System.setOut(out);
                System.setErr(err);
                System.setIn(in);
            }
        }

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            stopRequested.set(true);
            raise(true);
            try {
                super.stop();
            } catch (InternalException e) {
                // Nothing has run yet in this session: the flag above is enough.
            }
        }

        private void raise(boolean up) {
            if (flag != null) {
                try {
                    flag.setBoolean(null, up);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
