package awslab.fleet;

import awslab.i18n.AwsWord;
import awslab.api.UserException;
import awslab.api.Progress;
import awslab.lab.SetupConsole;
import awslab.lab.SetupSteps;
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
    private final Optional<SetupConsole> console;
    private final SetupSteps setup;

    public FleetWatcher(FleetInspector inspector, Progress progress, Pacer pacer) {
        this(inspector, progress, pacer, Optional.empty());
    }

    /** @param console where to read the setup step of instances not yet healthy (empty: not shown) */
    public FleetWatcher(FleetInspector inspector, Progress progress, Pacer pacer, Optional<SetupConsole> console) {
        this.inspector = inspector;
        this.progress = progress;
        this.pacer = pacer;
        this.console = console;
        this.setup = new SetupSteps(progress);
    }

    /**
     * How a watch ended: whether the fleet got there, after how long, how it looked last, and
     * (for {@link #follow}) whether anything changed.
     */
    public record Outcome(boolean reached, Duration elapsed, FleetStatus last, boolean changed) {}

    /**
     * Watches group {@code groupName} until it serves its desired number of healthy instances
     * (at once if it already does); throws {@link UserException} when the group does not exist.
     */
    public Outcome watch(String groupName, Duration timeout) {
        return watch(groupName, timeout, false);
    }

    /**
     * Follows group {@code groupName} from the state it is in now: when it is settled (its desired
     * number of instances, all healthy, none leaving), until it changes (a replacement, a scale-out
     * or a scale-in) and settles again — unless {@code waitForChange} is false (an emulator, where
     * nothing changes by itself): then it ends at once; else until it settles. Bounded by
     * {@code timeout}; the outcome says whether anything changed.
     */
    public Outcome follow(String groupName, Duration timeout, boolean waitForChange) {
        return watch(groupName, timeout, true, waitForChange);
    }

    private Outcome watch(String groupName, Duration timeout, boolean untilChangedAndSettled) {
        return watch(groupName, timeout, untilChangedAndSettled, true);
    }

    private Outcome watch(String groupName, Duration timeout, boolean untilChangedAndSettled, boolean waitForChange) {
        Instant start = pacer.now();
        Map<String, String> seen = new HashMap<>();
        int[] desired = {-1};
        FleetStatus[] last = new FleetStatus[1];
        boolean[] settledAtStart = {false};
        boolean[] changed = {false};
        boolean reached = pacer.until(timeout, () -> {
            Optional<FleetStatus> status = inspector.inspect(groupName);
            if (status.isEmpty()) {
                throw new UserException("err.fleet.group.unknown", groupName);
            }
            long elapsed = Duration.between(start, pacer.now()).toSeconds();
            boolean first = last[0] == null;
            last[0] = status.get();
            boolean reported = report(status.get(), seen, desired, elapsed);
            if (!untilChangedAndSettled) {
                return status.get().atDesiredAndHealthy();
            }
            if (first) {
                settledAtStart[0] = status.get().settled();
                if (settledAtStart[0] && waitForChange) {
                    progress.step("msg.fleet.watch.settled", status.get().desired());
                }
                return settledAtStart[0] && !waitForChange;
            }
            changed[0] |= reported;
            return status.get().settled() && (changed[0] || !settledAtStart[0]);
        });
        return new Outcome(reached, Duration.between(start, pacer.now()), last[0], changed[0] || !settledAtStart[0]);
    }

    /** Reports what changed since the last poll; returns whether anything did. */
    private boolean report(FleetStatus status, Map<String, String> seen, int[] desired, long elapsed) {
        boolean firstPoll = desired[0] < 0;
        boolean any = false;
        if (status.desired() != desired[0]) {
            progress.step("msg.fleet.watch.capacity", elapsed, status.desired(), status.inService(), status.healthyInService());
            any = !firstPoll;
            desired[0] = status.desired();
        }
        Map<String, String> now = new HashMap<>();
        for (FleetStatus.Member m : status.members()) {
            String view = m.lifecycle() + " " + m.targetHealth() + " " + m.instanceState();
            now.put(m.instanceId(), view);
            if (!view.equals(seen.get(m.instanceId()))) {
                any |= !firstPoll;
                progress.step(seen.containsKey(m.instanceId()) ? "msg.fleet.watch.changed" : "msg.fleet.watch.appeared",
                        elapsed, m.instanceId(), m.zone(), AwsWord.lifecycle(m.lifecycle()),
                        AwsWord.health(m.targetHealth()), AwsWord.state(m.instanceState()));
            }
        }
        // A new instance boots and installs the web service before it can be healthy: say where it is.
        console.ifPresent(c -> status.members().stream()
                .filter(m -> FleetStatus.RUNNING.equals(m.instanceState()) && !FleetStatus.HEALTHY.equals(m.targetHealth()))
                .forEach(m -> setup.show(m.instanceId(), c.read(m.instanceId()))));
        for (String gone : seen.keySet()) {
            if (!now.containsKey(gone)) {
                progress.step("msg.fleet.watch.gone", elapsed, gone);
                any = true;
            }
        }
        seen.clear();
        seen.putAll(now);
        return any;
    }
}
