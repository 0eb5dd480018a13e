package awslab.fleet;

import awslab.api.AwsClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads a fleet's {@link FleetStatus} from AWS, starting from the group: its target group, the
 * load balancer that target group serves, the listener, and each target's health.
 *
 * <pre>
 * Optional&lt;FleetStatus&gt; status = new FleetInspector(clients).inspect("ASG-webservice");
 * </pre>
 */
public final class FleetInspector {
    private final AwsClients clients;
    private final FleetLookup lookup;

    public FleetInspector(AwsClients clients) {
        this.clients = clients;
        this.lookup = new FleetLookup(clients);
    }

    /** The fleet of group {@code groupName}, or empty when there is no such group. */
    public Optional<FleetStatus> inspect(String groupName) {
        return lookup.group(groupName).map(this::status);
    }

    private FleetStatus status(AutoScalingGroup group) {
        Optional<TargetGroup> targetGroup = group.targetGroupARNs().stream().findFirst().flatMap(lookup::targetGroupByArn);
        Optional<FleetStatus.Balancer> balancer = targetGroup
                .flatMap(tg -> tg.loadBalancerArns().stream().findFirst())
                .flatMap(lookup::loadBalancerByArn)
                .map(lb -> new FleetStatus.Balancer(lb.loadBalancerName(), lb.loadBalancerArn(), lb.dnsName(),
                        lb.state() == null ? "" : lb.state().codeAsString()));
        boolean listener = balancer.map(b -> !lookup.listeners(b.arn()).isEmpty()).orElse(false);
        Map<String, String> health = targetGroup.map(tg -> targetHealth(tg.targetGroupArn())).orElse(Map.of());
        Map<String, String> states = instanceStates(group.instances().stream().map(Instance::instanceId).toList());
        List<FleetStatus.Member> members = new ArrayList<>();
        for (Instance instance : group.instances()) {
            members.add(new FleetStatus.Member(instance.instanceId(), instance.availabilityZone(),
                    instance.lifecycleStateAsString(), instance.healthStatus(),
                    health.getOrDefault(instance.instanceId(), FleetStatus.UNREGISTERED),
                    states.getOrDefault(instance.instanceId(), "")));
        }
        members.sort(Comparator.comparing(FleetStatus.Member::zone).thenComparing(FleetStatus.Member::instanceId));
        return new FleetStatus(group.autoScalingGroupName(), group.minSize(), group.desiredCapacity(), group.maxSize(),
                subnetZones(group.vpcZoneIdentifier()), balancer, targetGroup.map(TargetGroup::targetGroupArn),
                listener, members);
    }

    private Map<String, String> targetHealth(String targetGroupArn) {
        Map<String, String> health = new HashMap<>();
        try {
            for (TargetHealthDescription d : clients.elb()
                    .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions()) {
                health.put(d.target().id(), d.targetHealth() == null ? "" : d.targetHealth().stateAsString());
            }
        } catch (TargetGroupNotFoundException e) {
            // deleted between two calls: no health to show
        }
        return health;
    }

    private Map<String, String> instanceStates(List<String> instanceIds) {
        Map<String, String> states = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return states;
        }
        clients.ec2().describeInstancesPaginator(r -> r.instanceIds(instanceIds)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .forEach(i -> states.put(i.instanceId(), i.state().nameAsString()));
        return states;
    }

    private List<String> subnetZones(String vpcZoneIdentifier) {
        if (vpcZoneIdentifier == null || vpcZoneIdentifier.isBlank()) {
            return List.of();
        }
        List<String> ids = List.of(vpcZoneIdentifier.split(","));
        TreeSet<String> zones = new TreeSet<>();
        for (Subnet subnet : clients.ec2().describeSubnets(r -> r.subnetIds(ids.stream().map(String::trim).toList()))
                .subnets()) {
            zones.add(subnet.availabilityZone());
        }
        return List.copyOf(zones);
    }
}
