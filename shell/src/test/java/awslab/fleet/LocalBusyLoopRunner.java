package awslab.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BusyLoopRunner} that runs the lab's loop with bash on this machine instead of on an
 * instance — detached, bounded by {@code timeout}, stoppable — and records which instance each
 * call was for.
 */
final class LocalBusyLoopRunner implements BusyLoopRunner {
    /** A no-op assignment in front of the loop, so that {@link #stopCommand()} finds only ours. */
    static final String MARKER = "AWSLAB_BURN=1";

    final List<String> calls = new ArrayList<>();

    /** The command that starts the loop: wrapped in {@code timeout}, detached from the caller. */
    static String command(Duration limit) {
        long seconds = Math.max(1, limit.toSeconds());
        return "nohup timeout " + seconds + " bash -c '" + MARKER + "; " + LOOP + "' >/dev/null 2>&1 &";
    }

    /** Ends every loop {@link #command(Duration)} started; the bracket keeps pkill from matching itself. */
    static String stopCommand() {
        return "pkill -f 'AWSLAB_BUR[N]=1' || true";
    }

    @Override
    public void start(String instanceId, Duration limit) {
        calls.add("start " + instanceId + " " + limit.toSeconds());
        bash(command(limit));
    }

    @Override
    public void stop(String instanceId) {
        calls.add("stop " + instanceId);
        bash(stopCommand());
    }

    /** How many busy loops started by {@link #command} run on this machine. */
    static int running() {
        String out = bash("pgrep -f 'AWSLAB_BUR[N]=1' | wc -l");
        return Integer.parseInt(out.trim());
    }

    static String bash(String command) {
        try {
            Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bash did not finish: " + command);
            }
            return new String(process.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
