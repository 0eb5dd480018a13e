package awslab.fleet;

import awslab.api.UserException;
import awslab.api.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.autoscaling.model.Activity;

/**
 * Watches a fleet under load until it scales out: at each poll, the group's desired and
 * in-service counts, the CPU (group average and per instance) and any new scaling activity,
 * handed to the caller as a {@link Snapshot} to draw. Ends when the group wants more instances
 * than when the watch began (or a policy's activity launches an instance), or at the timeout: a
 * group already above its minimum has not "scaled out" because of this load.
 *
 * <pre>
 * ScaleMonitor.Outcome outcome = new ScaleMonitor(clients, metrics, pacer)
 *         .watch("ASG-webservice", Duration.ofMinutes(10), snapshot -> render(snapshot));
 * </pre>
 */
public final class ScaleMonitor {
    /** How far back CloudWatch is asked for the latest datapoint (basic monitoring publishes every 5 min). */
    static final Duration METRIC_WINDOW = Duration.ofMinutes(10);
    static final int HISTORY = 30;

    private final AwsClients clients;
    private final CpuMetrics metrics;
    private final Pacer pacer;
    private final FleetInspector inspector;

    public ScaleMonitor(AwsClients clients, CpuMetrics metrics, Pacer pacer) {
        this.clients = clients;
        this.metrics = metrics;
        this.pacer = pacer;
        this.inspector = new FleetInspector(clients);
    }

    /**
     * One poll.
     *
     * @param averageHistory the group average at each poll so far (null where there was no datapoint)
     * @param newActivities scaling activities not shown before, oldest first
     */
    public record Snapshot(long elapsedSeconds, FleetStatus status, CpuMetrics.CpuReading cpu,
            List<Double> averageHistory, List<ScalingActivity> newActivities) {}

    /** A scaling activity: AWS's description (as the console shows it) and its status code ({@code Successful}…). */
    public record ScalingActivity(String description, String status) {}

    /** How the watch ended; {@code startDesired} is the desired capacity at its first poll. */
    public record Outcome(boolean scaledOut, Duration elapsed, int startDesired, Optional<Snapshot> last) {
        /** The desired capacity at the last poll. */
        public int endDesired() {
            return last.map(s -> s.status().desired()).orElse(startDesired);
        }
    }

    public Outcome watch(String groupName, Duration timeout, Consumer<Snapshot> onPoll) {
        Instant start = pacer.now();
        List<Double> history = new ArrayList<>();
        Set<String> shownActivities = new HashSet<>();
        Snapshot[] last = new Snapshot[1];
        boolean[] launched = {false};
        int[] startDesired = {-1};
        boolean scaledOut = pacer.until(timeout, () -> {
            FleetStatus status = inspector.inspect(groupName)
                    .orElseThrow(() -> new UserException("err.fleet.group.unknown", groupName));
            if (startDesired[0] < 0) {
                startDesired[0] = status.desired();
            }
            CpuMetrics.CpuReading cpu = metrics.read(groupName, status.instanceIds(), METRIC_WINDOW);
            history.add(cpu.groupAverage().isPresent() ? cpu.groupAverage().getAsDouble() : null);
            if (history.size() > HISTORY) {
                history.remove(0);
            }
            List<ScalingActivity> fresh = new ArrayList<>();
            for (Activity activity : activitiesSince(groupName, start)) {
                if (shownActivities.add(activity.activityId())) {
                    fresh.add(new ScalingActivity(activity.description(), activity.statusCodeAsString()));
                    launched[0] |= launchedByAPolicy(activity);
                }
            }
            last[0] = new Snapshot(Duration.between(start, pacer.now()).toSeconds(), status, cpu, java.util.Collections.unmodifiableList(new ArrayList<>(history)), fresh);
            onPoll.accept(last[0]);
            return status.desired() > startDesired[0] || launched[0];
        });
        return new Outcome(scaledOut, Duration.between(start, pacer.now()), Math.max(0, startDesired[0]),
                Optional.ofNullable(last[0]));
    }

    /**
     * A launch the scaling policy caused: not the replacement of a terminated or unhealthy
     * instance, which is also a "Launching" activity (its cause names no policy).
     */
    static boolean launchedByAPolicy(Activity activity) {
        return activity.description() != null && activity.description().startsWith("Launching")
                && activity.cause() != null && activity.cause().contains("policy");
    }

    /** Activities that started after {@code start}, oldest first (AWS lists newest first). */
    private List<Activity> activitiesSince(String groupName, Instant start) {
        List<Activity> recent = new ArrayList<>(clients.autoScaling()
                .describeScalingActivities(r -> r.autoScalingGroupName(groupName).maxRecords(10)).activities());
        recent.removeIf(a -> a.startTime() != null && a.startTime().isBefore(start.minusSeconds(5)));
        java.util.Collections.reverse(recent);
        return recent;
    }
}
