package awslab.fleet.check;

import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * {@code fleet-replaced}: after the student terminated an instance, the group is back to its
 * desired number of in-service, healthy instances, and the terminated one (fact
 * {@code fleet.terminatedInstance}, or else found among the group's terminated instances) is
 * not among them.
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
        if (terminated == null) {
            terminated = terminatedMember(context, groupName).orElse(null);
        }
        if (terminated == null) {
            return CheckResult.failed("msg.check.replaced.nothingTerminated", groupName);
        }
        context.facts().put(FleetFacts.TERMINATED_INSTANCE, terminated);
        String victim = terminated;
        if (status.members().stream()
                .anyMatch(m -> m.instanceId().equals(victim) && m.serving())) {
            return CheckResult.failed("msg.check.replaced.stillServing", victim);
        }
        if (!status.atDesiredAndHealthy()) {
            return CheckResult.failed("msg.check.replaced.notYet", status.healthyInService(), status.desired());
        }
        return CheckResult.passed("msg.check.replaced.passed", status.healthyInService(), status.desired(), victim);
    }

    /**
     * An instance the group launched that is now terminated (AWS keeps showing terminated
     * instances for about an hour): found when {@code terminate} recorded no fact.
     */
    private static Optional<String> terminatedMember(CheckContext context, String groupName) {
        return context.clients().ec2().describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:aws:autoscaling:groupName").values(groupName).build(),
                        Filter.builder().name("instance-state-name").values("shutting-down", "terminated").build()))
                .reservations().stream()
                .flatMap(r -> r.instances().stream())
                .map(Instance::instanceId)
                .findFirst();
    }
}
