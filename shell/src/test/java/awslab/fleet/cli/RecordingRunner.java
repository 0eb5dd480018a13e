package awslab.fleet.cli;

import awslab.fleet.BusyLoopRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BusyLoopRunner} that records what the command asked for, where the shell's runner
 * would SSH to each instance (the commands themselves are run for real in BusyLoopRunnerTest).
 */
final class RecordingRunner implements BusyLoopRunner {
    final List<String> calls = new ArrayList<>();

    @Override
    public void start(String instanceId, Duration limit) {
        calls.add("start " + instanceId + " " + limit.toMinutes());
    }

    @Override
    public void stop(String instanceId) {
        calls.add("stop " + instanceId);
    }
}
