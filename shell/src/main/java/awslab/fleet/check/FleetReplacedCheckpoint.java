package awslab.fleet.check;

import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.lesson.CheckContext;
import awslab.lesson.CheckResult;
import awslab.lesson.Checkpoint;
import java.util.Optional;

/**
 * {@code fleet-replaced}: after the student terminated an instance, the group is back to its
 * desired number of in-service, healthy instances, and the terminated one (fact
 * {@code fleet.terminatedInstance}, when recorded) is not among them.
 *
 * <pre>
 * new FleetReplacedCheckpoint().verify(context);
 * </pre>
 */
public final class FleetReplacedCheckpoint implements Checkpoint {
    public static final String ID = "fleet-replaced";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult verify(CheckContext context) {
        String groupName = FleetFacts.group(context);
        Optional<FleetStatus> found = new FleetInspector(context.clients()).inspect(groupName);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.fleet.noGroup", groupName);
        }
        FleetStatus status = found.get();
        String terminated = context.facts().get(FleetFacts.TERMINATED_INSTANCE);
        if (terminated != null && status.members().stream()
                .anyMatch(m -> m.instanceId().equals(terminated) && m.serving())) {
            return CheckResult.failed("msg.check.replaced.stillServing", terminated);
        }
        if (!status.atDesiredAndHealthy()) {
            return CheckResult.failed("msg.check.replaced.notYet", status.healthyInService(), status.desired());
        }
        return CheckResult.passed("msg.check.replaced.passed", status.healthyInService(), status.desired(),
                terminated == null ? "-" : terminated);
    }
}
