package awslab.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution (snippets run in the shell's JVM and share its objects), with two
 * additions: snippet classes pass through {@link ExitTrap} as they load, and the exception a
 * snippet threw is kept, so the shell can explain an AWS error instead of showing a trace.
 *
 * <pre>
 * JShell.builder().executionEngine(new SnippetExecution(), Map.of()).build();
 * </pre>
 */
public final class SnippetExecution implements ExecutionControlProvider {
    private final AtomicReference<Throwable> lastThrown = new AtomicReference<>();

    @Override
    public String name() {
        return "awslab";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new Control(lastThrown);
    }

    /** The exception the last failing snippet threw (cleared by the read). */
    public Throwable takeLastThrown() {
        return lastThrown.getAndSet(null);
    }

    private static final class Control extends LocalExecutionControl {
        private final AtomicReference<Throwable> lastThrown;

        Control(AtomicReference<Throwable> lastThrown) {
            this.lastThrown = lastThrown;
        }

        @Override
        public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
            for (int i = 0; i < classes.length; i++) {
                rewritten[i] = new ClassBytecodes(classes[i].name(), ExitTrap.rewrite(classes[i].bytecodes()));
            }
            super.load(rewritten);
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            lastThrown.set(null);
            try {
                return super.invoke(doitMethod);
            } catch (InvocationTargetException e) {
                lastThrown.set(e.getCause());
                throw e;
            }
        }
    }
}
