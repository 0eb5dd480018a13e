package awslab.fleet.cli;

import awslab.api.GroupNames;
import awslab.api.Reachability;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.fleet.FleetWatcher;
import awslab.lab.LabNames;
import awslab.lab.SetupConsole;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;

/**
 * {@code fleet watch}: follows the group until it serves its desired number of healthy instances;
 * when a change has just ended (the group is settled), says what it was and ends.
 *
 * <pre>
 * fleet watch --timeout 300
 * </pre>
 */
@Command(name = "watch")
public final class FleetWatchCommand extends FleetSubcommand {
    /** How recent a finished scaling activity is for {@code fleet watch} to report it instead of waiting. */
    static final Duration RECENT = Duration.ofMinutes(2);

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
        FleetStatus before = onPaper() ? null : new FleetInspector(shell().clients()).inspect(groupName).orElse(null);
        // A group caught changing (a replacement under way) may settle before the watch's first
        // look: then that settling is the change being watched, not a start to wait from.
        boolean changingBefore = before != null && !before.settled();
        if (before != null && before.settled() && saidRecentReplacement(before)) {
            return 0;
        }
        // The replacement of a terminated instance boots and installs: fleet watch shows its setup too.
        FleetWatcher.Outcome outcome = new FleetWatcher(new FleetInspector(shell().clients()), shell().progress(),
                wiring().pacer().get(), Optional.of(new SetupConsole(shell().clients().ec2())))
                .follow(groupName, Duration.ofSeconds(Math.max(1, timeoutSeconds)), !onPaper() && !changingBefore);
        if (!outcome.changed() && !changingBefore) {
            // Nothing happened: a clear end, not a failure (the group is as it should be).
            say(onPaper() ? "msg.fleet.watch.onPaper" : "msg.fleet.watch.unchanged", outcome.elapsed().toSeconds(),
                    outcome.last().desired());
            return 0;
        }
        say(outcome.reached() ? "msg.fleet.watch.reached" : "msg.fleet.watch.timeout",
                outcome.elapsed().toSeconds(), outcome.last().healthyInService(), outcome.last().desired());
        return outcome.reached() ? 0 : 1;
    }

    /**
     * A replacement that ended moments ago (made while {@code terminate} was waiting) leaves a
     * settled group: say what happened rather than wait minutes for a change that will not come.
     * A scale-out's launch is no replacement (the scale-in that follows is worth watching).
     * Whether it said so.
     */
    private boolean saidRecentReplacement(FleetStatus status) {
        Instant now = Instant.now();
        Optional<Activity> recent = shell().clients().autoScaling()
                .describeScalingActivities(r -> r.autoScalingGroupName(groupName).maxRecords(5)).activities().stream()
                .filter(a -> a.description() != null && a.description().startsWith("Launching"))
                .findFirst() // the latest launch
                // settled means its instance serves already: AWS may still be closing the activity (InProgress)
                .filter(a -> a.statusCode() != ScalingActivityStatusCode.FAILED && a.statusCode() != ScalingActivityStatusCode.CANCELLED
                        && isReplacement(a))
                .filter(a -> ended(a).isAfter(now.minus(RECENT)));
        recent.ifPresent(a -> say("msg.fleet.watch.recent", Math.max(0, Duration.between(ended(a), now).toSeconds()),
                a.description(), status.healthyInService(), status.desired()));
        return recent.isPresent();
    }

    /**
     * AWS's words for a launch that makes up for an instance gone (terminated, stopped, unhealthy):
     * the capacity differed from the desired one, and neither a user (group created, desired
     * capacity set) nor a scaling policy asked for it.
     */
    static boolean isReplacement(Activity activity) {
        String cause = activity.cause() == null ? "" : activity.cause();
        return cause.contains("difference between desired and actual capacity") && !cause.contains("user request")
                && !cause.contains("policy");
    }

    private static Instant ended(Activity activity) {
        return activity.endTime() != null ? activity.endTime() : activity.startTime();
    }
}
