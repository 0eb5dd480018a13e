package awslab.fleet;

import java.time.Duration;

/**
 * Starts and stops the lab's CPU busy loop on an instance, in the background and bounded in
 * time so that it stops by itself even if nobody calls {@link #stop}. The shell wires the SSH
 * implementation (which runs {@link #command(Duration)} and {@link #stopCommand()} on the
 * instance); tests use a local process.
 *
 * <pre>
 * runner.start("i-0abc", Duration.ofMinutes(10));
 * runner.stop("i-0abc");
 * </pre>
 */
public interface BusyLoopRunner {

    /** The lab's loop, {@code while : ; do : ; done}. */
    String LOOP = "while : ; do : ; done";

    /** A no-op assignment in front of the loop, so that {@link #stopCommand()} finds only ours. */
    String MARKER = "AWSLAB_BURN=1";

    /** Starts the loop on the instance; it ends by itself after {@code limit}. */
    void start(String instanceId, Duration limit);

    /** Ends the loop on the instance (nothing happens when none runs). */
    void stop(String instanceId);

    /**
     * The shell command that starts the loop: wrapped in {@code timeout} so that it cannot
     * outlive {@code limit}, detached from the SSH session so that the session may end.
     */
    static String command(Duration limit) {
        long seconds = Math.max(1, limit.toSeconds());
        return "nohup timeout " + seconds + " bash -c '" + MARKER + "; " + LOOP + "' >/dev/null 2>&1 &";
    }

    /**
     * The shell command that ends every loop {@link #command(Duration)} started. The bracket
     * keeps the pattern from matching the shell that runs this very command.
     */
    static String stopCommand() {
        return "pkill -f 'AWSLAB_BUR[N]=1' || true";
    }
}
