package awslab.api;

import java.util.concurrent.Callable;

/**
 * The base of every shell command: picocli parses the arguments into the subclass's fields,
 * the shell's command factory hands it the {@link ShellContext}, then {@link #doCall()} runs.
 * A {@link awslab.api.UserException} thrown from {@code doCall} is shown as a translated message.
 *
 * <pre>
 * &#64;Command(name = "stop", resourceBundle = "…")
 * final class StopCommand extends BaseCommand {
 *     &#64;Parameters String instance;
 *     protected int doCall() { … ctx().clients().ec2() …; return 0; }
 * }
 * </pre>
 */
public abstract class BaseCommand implements Callable<Integer> {
    private ShellContext context;

    /** Called by the shell's command factory before parsing. */
    public final void context(ShellContext context) {
        this.context = context;
    }

    protected final ShellContext ctx() {
        if (context == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was created without a ShellContext");
        }
        return context;
    }

    @Override
    public final Integer call() throws Exception {
        return doCall();
    }

    /** Runs the command; returns the process exit code (0 for success). */
    protected abstract int doCall() throws Exception;
}
