package awslab.fleet.cli;

import awslab.api.GroupNames;
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

    @Override
    protected int doCall() {
        say("msg.fleet.watch.start", groupName, timeoutSeconds);
        FleetWatcher.Outcome outcome = new FleetWatcher(new FleetInspector(shell().clients()), shell().progress(),
                wiring().pacer().get()).follow(groupName, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        if (!outcome.changed()) {
            // Nothing happened: a clear end, not a failure (the group is as it should be).
            say("msg.fleet.watch.unchanged", outcome.elapsed().toSeconds(), outcome.last().desired());
            return 0;
        }
        say(outcome.reached() ? "msg.fleet.watch.reached" : "msg.fleet.watch.timeout",
                outcome.elapsed().toSeconds(), outcome.last().healthyInService(), outcome.last().desired());
        return outcome.reached() ? 0 : 1;
    }
}
