package awslab.cli;

/**
 * One part of what {@code status} shows (the target, the lab's resources, the lesson…).
 * Register it in {@link Commands#STATUS_SECTIONS}. A section that fails with a
 * {@link awslab.UserException} has its message shown and the other sections still run.
 *
 * <pre>
 * public final class LabResourcesStatus implements StatusSection {
 *     public LabResourcesStatus(ShellContext ctx) { this.ctx = ctx; }
 *     public void render() { ctx.out().println(…); }
 * }
 * </pre>
 */
public interface StatusSection {
    /** Prints this section to the context's output. */
    void render();
}
