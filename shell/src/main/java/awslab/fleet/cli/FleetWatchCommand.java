package awslab.fleet.cli;

import awslab.api.GroupNames;
import awslab.api.Reachability;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetWatcher;
import awslab.lab.LabNames;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet watch}: follows the group until it serves its desired number of healthy instances.
 *
 * <pre>
 * fleet watch --timeout 300
 * </pre>
 */
@Command(name = "watch")
public final class FleetWatchCommand extends FleetSubcommand {
    @Option(names = "--group-name", defaultValue = LabNames.AUTO_SCALING_GROUP,
            descriptionKey = "help.fleet.watch.option.group-name", completionCandidates = GroupNames.class)
    String groupName;

    @Option(names = "--timeout", defaultValue = "600", descriptionKey = "help.fleet.watch.option.timeout")
    long timeoutSeconds;

    /**
     * On an emulator the instances exist only on paper and the group never changes by itself
     * (it replaces a terminated instance within the terminate call): nothing to wait for.
     */
    private boolean onPaper() {
        return shell().reachability() == Reachability.NONE;
    }

    @Override
    protected int doCall() {
        say("msg.fleet.watch.start", groupName, timeoutSeconds);
        FleetWatcher.Outcome outcome = new FleetWatcher(new FleetInspector(shell().clients()), shell().progress(),
                wiring().pacer().get()).follow(groupName, Duration.ofSeconds(Math.max(1, timeoutSeconds)), !onPaper());
        if (!outcome.changed()) {
            // Nothing happened: a clear end, not a failure (the group is as it should be).
            say(onPaper() ? "msg.fleet.watch.onPaper" : "msg.fleet.watch.unchanged", outcome.elapsed().toSeconds(),
                    outcome.last().desired());
            return 0;
        }
        say(outcome.reached() ? "msg.fleet.watch.reached" : "msg.fleet.watch.timeout",
                outcome.elapsed().toSeconds(), outcome.last().healthyInService(), outcome.last().desired());
        return outcome.reached() ? 0 : 1;
    }
}
