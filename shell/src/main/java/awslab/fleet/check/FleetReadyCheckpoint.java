package awslab.fleet.check;

import awslab.i18n.AwsWord;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.lab.LabNames;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;

/**
 * {@code fleet-ready}: the group exists with the lab's sizes (2/2/4) over subnets in at least two
 * zones, its load balancer is active with a listener, and at least the desired number of
 * targets are healthy. Records {@code fleet.group} and {@code fleet.lbDns}.
 *
 * <pre>
 * CheckResult result = new FleetReadyCheckpoint().verify(context);
 * </pre>
 */
public final class FleetReadyCheckpoint implements Checkpoint {
    public static final String ID = "fleet-ready";

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
        if (status.desired() != LabNames.FLEET_DESIRED || status.min() != LabNames.FLEET_MIN
                || status.max() != LabNames.FLEET_MAX) {
            return CheckResult.failed("msg.check.fleetReady.sizes", groupName, status.desired(), status.min(),
                    status.max(), LabNames.FLEET_DESIRED, LabNames.FLEET_MIN, LabNames.FLEET_MAX);
        }
        if (status.zones().size() < 2) {
            return CheckResult.failed("msg.check.fleetReady.zones", groupName, String.join(", ", status.zones()));
        }
        if (status.loadBalancer().isEmpty() || status.targetGroupArn().isEmpty()) {
            return CheckResult.failed("msg.check.fleetReady.noLoadBalancer", groupName);
        }
        FleetStatus.Balancer balancer = status.loadBalancer().get();
        if (!balancer.active()) {
            return CheckResult.failed("msg.check.fleetReady.notActive", balancer.name(), AwsWord.balancer(balancer.state()));
        }
        if (!status.listener()) {
            return CheckResult.failed("msg.check.fleetReady.noListener", balancer.name());
        }
        if (!status.atDesiredAndHealthy()) {
            return CheckResult.failed("msg.check.fleetReady.unhealthy", status.healthyInService(), status.desired());
        }
        context.facts().put(FleetFacts.GROUP, groupName);
        context.facts().put(FleetFacts.LB_DNS, balancer.dnsName());
        return CheckResult.passed("msg.check.fleetReady.passed", groupName, status.healthyInService(),
                String.join(", ", status.zones()), balancer.dnsName());
    }
}
