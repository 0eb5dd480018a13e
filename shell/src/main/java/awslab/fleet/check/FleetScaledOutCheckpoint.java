package awslab.fleet.check;

import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.Activity;

/**
 * {@code fleet-scaled-out}: the group grew beyond its minimum (desired or in-service count), or
 * its scaling activities show a policy launching an instance.
 *
 * <pre>
 * new FleetScaledOutCheckpoint().verify(context);
 * </pre>
 */
public final class FleetScaledOutCheckpoint implements Checkpoint {
    public static final String ID = "fleet-scaled-out";

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
        if (status.desired() > status.min() || status.inService() > status.min()) {
            return CheckResult.passed("msg.check.scaledOut.passed", status.desired(), status.inService(), status.min());
        }
        Optional<Activity> launch = context.clients().autoScaling()
                .describeScalingActivities(r -> r.autoScalingGroupName(groupName).maxRecords(20)).activities().stream()
                .filter(a -> a.description() != null && a.description().startsWith("Launching"))
                .filter(a -> a.cause() != null && a.cause().contains("policy"))
                .findFirst();
        if (launch.isPresent()) {
            return CheckResult.passed("msg.check.scaledOut.activity", launch.get().description());
        }
        return CheckResult.failed("msg.check.scaledOut.notYet", status.desired(), status.inService(), status.min());
    }
}
