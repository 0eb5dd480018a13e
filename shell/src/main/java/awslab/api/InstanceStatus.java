package awslab.api;

/**
 * What {@code status INSTANCE} shows: one instance in detail. Registered with
 * {@link ShellRegistry#instanceStatus}.
 */
@FunctionalInterface
public interface InstanceStatus {
    /** Prints the instance named {@code instance} (an id or a Name tag) to the context's output. */
    void render(ShellContext ctx, String instance);
}
