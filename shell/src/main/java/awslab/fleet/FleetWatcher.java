package awslab.fleet;

import awslab.i18n.AwsWord;
import awslab.api.UserException;
import awslab.api.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Watches a fleet until it serves its desired number of healthy instances, reporting each
 * change as it happens with the time elapsed: an instance appearing, changing state or health,
 * disappearing, the desired capacity moving. Bounded by a timeout and {@link Pacer#MAX_POLLS}.
 *
 * <pre>
 * FleetWatcher.Outcome outcome = new FleetWatcher(new FleetInspector(clients), progress, pacer)
 *         .watch("ASG-webservice", Duration.ofMinutes(10));
 * </pre>
 */
public final class FleetWatcher {
    private final FleetInspector inspector;
    private final Progress progress;
    private final Pacer pacer;

    public FleetWatcher(FleetInspector inspector, Progress progress, Pacer pacer) {
        this.inspector = inspector;
        this.progress = progress;
        this.pacer = pacer;
    }

    /** How a watch ended: whether the fleet got there, after how long, and how it looked last. */
    public record Outcome(boolean reached, Duration elapsed, FleetStatus last) {}

    /** Watches group {@code groupName}; throws {@link UserException} when the group does not exist. */
    public Outcome watch(String groupName, Duration timeout) {
        Instant start = pacer.now();
        Map<String, String> seen = new HashMap<>();
        int[] desired = {-1};
        FleetStatus[] last = new FleetStatus[1];
        boolean reached = pacer.until(timeout, () -> {
            Optional<FleetStatus> status = inspector.inspect(groupName);
            if (status.isEmpty()) {
                throw new UserException("err.fleet.group.unknown", groupName);
            }
            last[0] = status.get();
            report(status.get(), seen, desired, Duration.between(start, pacer.now()).toSeconds());
            return status.get().atDesiredAndHealthy();
        });
        return new Outcome(reached, Duration.between(start, pacer.now()), last[0]);
    }

    private void report(FleetStatus status, Map<String, String> seen, int[] desired, long elapsed) {
        if (status.desired() != desired[0]) {
            progress.step("msg.fleet.watch.capacity", elapsed, status.desired(), status.inService(), status.healthyInService());
            desired[0] = status.desired();
        }
        Map<String, String> now = new HashMap<>();
        for (FleetStatus.Member m : status.members()) {
            String view = m.lifecycle() + " " + m.targetHealth() + " " + m.instanceState();
            now.put(m.instanceId(), view);
            if (!view.equals(seen.get(m.instanceId()))) {
                progress.step(seen.containsKey(m.instanceId()) ? "msg.fleet.watch.changed" : "msg.fleet.watch.appeared",
                        elapsed, m.instanceId(), m.zone(), AwsWord.lifecycle(m.lifecycle()),
                        AwsWord.health(m.targetHealth()), AwsWord.state(m.instanceState()));
            }
        }
        for (String gone : seen.keySet()) {
            if (!now.containsKey(gone)) {
                progress.step("msg.fleet.watch.gone", elapsed, gone);
            }
        }
        seen.clear();
        seen.putAll(now);
    }
}
