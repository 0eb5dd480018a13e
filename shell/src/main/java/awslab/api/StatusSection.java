package awslab.api;

/**
 * One part of what {@code status} shows (the target, the lab's resources, the background…),
 * registered with {@link ShellRegistry#status}. A section that fails with a
 * {@link UserException} has its message shown and the other sections still run.
 *
 * <pre>
 * public final class LabStatus implements StatusSection {
 *     public void render(ShellContext ctx) { ctx.out().println(…); }
 * }
 * </pre>
 */
@FunctionalInterface
public interface StatusSection {
    /** Prints this section to the context's output. */
    void render(ShellContext ctx);
}
