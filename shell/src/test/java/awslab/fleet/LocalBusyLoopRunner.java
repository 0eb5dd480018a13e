package awslab.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BusyLoopRunner} that runs the very commands the SSH runner sends
 * ({@link BusyLoopRunner#command} and {@link BusyLoopRunner#stopCommand}) with bash on this
 * machine instead of on an instance, and records which instance each call was for.
 */
final class LocalBusyLoopRunner implements BusyLoopRunner {
    final List<String> calls = new ArrayList<>();

    @Override
    public void start(String instanceId, Duration limit) {
        calls.add("start " + instanceId + " " + limit.toSeconds());
        bash(BusyLoopRunner.command(limit));
    }

    @Override
    public void stop(String instanceId) {
        calls.add("stop " + instanceId);
        bash(BusyLoopRunner.stopCommand());
    }

    /** How many busy loops started by {@link BusyLoopRunner#command} run on this machine. */
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
