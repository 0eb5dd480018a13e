package awslab.fleet;

import java.time.Duration;

/**
 * Starts and stops the lab's CPU busy loop on an instance, in the background and bounded in
 * time so that it stops by itself even if nobody calls {@link #stop}. The shell wires the SSH
 * implementation ({@code awslab.ssh.SshBusyLoop}, a bounded background job on the instance);
 * tests use a local process.
 *
 * <pre>
 * runner.start("i-0abc", Duration.ofMinutes(10));
 * runner.stop("i-0abc");
 * </pre>
 */
public interface BusyLoopRunner {

    /** The lab's loop, {@code while : ; do : ; done}. */
    String LOOP = "while : ; do : ; done";

    /** Starts the loop on the instance; it ends by itself after {@code limit}. */
    void start(String instanceId, Duration limit);

    /** Ends the loop on the instance (nothing happens when none runs). */
    void stop(String instanceId);
}
