package awslab.fleet.check;

import awslab.fleet.FleetLookup;
import awslab.fleet.FleetSettings;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fleet-deleted}: no group, load balancer, target group nor launch template of the fleet
 * is left (a load balancer left behind costs about $0.03 an hour).
 *
 * <pre>
 * new FleetDeletedCheckpoint().verify(context);
 * </pre>
 */
public final class FleetDeletedCheckpoint implements Checkpoint {
    public static final String ID = "fleet-deleted";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult verify(CheckContext context) {
        FleetSettings names = FleetSettings.defaults().withGroupName(FleetFacts.group(context));
        FleetLookup lookup = new FleetLookup(context.clients());
        List<String> left = new ArrayList<>();
        lookup.group(names.groupName()).ifPresent(g -> left.add(g.autoScalingGroupName()));
        lookup.loadBalancer(names.loadBalancerName()).ifPresent(lb -> left.add(lb.loadBalancerName()));
        lookup.targetGroup(names.targetGroupName()).ifPresent(tg -> left.add(tg.targetGroupName()));
        lookup.launchTemplate(names.templateName()).ifPresent(t -> left.add(t.launchTemplateName()));
        if (!left.isEmpty()) {
            return CheckResult.failed("msg.check.deleted.left", String.join(", ", left));
        }
        return CheckResult.passed("msg.check.deleted.passed");
    }
}
