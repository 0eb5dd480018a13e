package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.lab.LabNames;
import awslab.lab.LabTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** {@link FleetBuilder} against Moto over HTTP: what it builds, and that a second run reuses it all. */
class FleetBuilderTest {
    private FleetFixture fixture;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void freshMoto() {
        fixture = FleetFixture.fresh();
    }

    private FleetBuilder builder() {
        return new FleetBuilder(fixture.clients, (key, args) -> steps.add(key));
    }

    @Test
    void buildsTheLabsFleetWithEveryResourceTaggedAndWired() {
        FleetBuilder.Built built = builder().create(FleetSettings.defaults(), fixture.spec);

        AutoScalingGroup group = new FleetLookup(fixture.clients).group(LabNames.AUTO_SCALING_GROUP).orElseThrow();
        assertEquals(List.of(2, 2, 4), List.of(group.desiredCapacity(), group.minSize(), group.maxSize()));
        assertEquals("ELB", group.healthCheckType());
        assertEquals(FleetSettings.HEALTH_CHECK_GRACE_SECONDS, group.healthCheckGracePeriod());
        assertEquals(List.of(built.targetGroupArn()), group.targetGroupARNs());
        assertEquals(LabNames.LAUNCH_TEMPLATE, group.launchTemplate().launchTemplateName());
        assertEquals(2, group.vpcZoneIdentifier().split(",").length, group.vpcZoneIdentifier());
        assertEquals(2, built.network().subnetByZone().size());
        Map<String, String> groupTags = group.tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertEquals(LabTags.MANAGED_VALUE, groupTags.get(LabTags.MANAGED));
        assertTrue(group.tags().stream().allMatch(t -> t.propagateAtLaunch()), group.tags().toString());

        // Moto returns no PolicyARN from PutScalingPolicy: the policy is read back with DescribePolicies.
        List<ScalingPolicy> policies = fixture.clients.autoScaling()
                .describePolicies(r -> r.autoScalingGroupName(LabNames.AUTO_SCALING_GROUP)).scalingPolicies();
        assertEquals(1, policies.size());
        assertEquals("TargetTrackingScaling", policies.get(0).policyType());
        assertEquals(50.0, policies.get(0).targetTrackingConfiguration().targetValue());
        assertEquals("ASGAverageCPUUtilization", policies.get(0).targetTrackingConfiguration()
                .predefinedMetricSpecification().predefinedMetricTypeAsString());

        LoadBalancer lb = new FleetLookup(fixture.clients).loadBalancer(LabNames.LOAD_BALANCER).orElseThrow();
        assertEquals("internet-facing", lb.schemeAsString());
        assertEquals(built.loadBalancerDns(), lb.dnsName());
        assertEquals(2, lb.availabilityZones().size());
        TargetGroup tg = new FleetLookup(fixture.clients).targetGroup(LabNames.TARGET_GROUP).orElseThrow();
        assertEquals("/health", tg.healthCheckPath());
        assertEquals("200", tg.matcher().httpCode());
        assertEquals(80, tg.port());
        var listeners = new FleetLookup(fixture.clients).listeners(lb.loadBalancerArn());
        assertEquals(1, listeners.size());
        assertEquals(tg.targetGroupArn(), listeners.get(0).defaultActions().get(0).targetGroupArn());
        var lbTags = fixture.clients.elb().describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions();
        assertTrue(lbTags.get(0).tags().stream().anyMatch(t -> t.key().equals(LabTags.MANAGED)), lbTags.toString());

        LaunchTemplateVersion version = fixture.clients.ec2().describeLaunchTemplateVersions(r -> r
                .launchTemplateName(LabNames.LAUNCH_TEMPLATE)).launchTemplateVersions().get(0);
        assertEquals(awslab.testing.MotoServer.UBUNTU_AMI, version.launchTemplateData().imageId());
        assertEquals("vockey", version.launchTemplateData().keyName());
        assertEquals(List.of(fixture.webSecurityGroupId), version.launchTemplateData().securityGroupIds());
        assertEquals(FleetFixture.USER_DATA, version.launchTemplateData().userData());
        assertTrue(version.launchTemplateData().monitoring().enabled());

        String albSg = new FleetLookup(fixture.clients).managedSecurityGroup(LabNames.LOAD_BALANCER_SECURITY_GROUP)
                .orElseThrow().groupId();
        assertEquals(List.of(albSg), lb.securityGroups());
        assertEquals(1, rulesFrom(albSg));
        assertEquals(2, fixture.members(LabNames.AUTO_SCALING_GROUP).size());
        assertEquals(List.of("msg.fleet.created.securityGroup", "msg.fleet.created.ingress", "msg.fleet.created.template",
                "msg.fleet.created.targetGroup", "msg.fleet.created.loadBalancer", "msg.fleet.created.listener",
                "msg.fleet.created.group", "msg.fleet.created.policy"), steps);
    }

    @Test
    void runningItTwiceDuplicatesNothing() {
        builder().create(FleetSettings.defaults(), fixture.spec);
        steps.clear();
        builder().create(FleetSettings.defaults(), fixture.spec);

        assertEquals(List.of("msg.fleet.reused.securityGroup", "msg.fleet.reused.ingress", "msg.fleet.reused.template",
                "msg.fleet.reused.targetGroup", "msg.fleet.reused.loadBalancer", "msg.fleet.reused.listener",
                "msg.fleet.reused.group", "msg.fleet.created.policy"), steps);
        var c = fixture.clients;
        assertEquals(1, c.autoScaling().describeAutoScalingGroups().autoScalingGroups().size());
        assertEquals(1, c.elb().describeLoadBalancers().loadBalancers().size());
        assertEquals(1, c.elb().describeTargetGroups().targetGroups().size());
        assertEquals(1, c.ec2().describeLaunchTemplates().launchTemplates().size());
        assertEquals(1, c.autoScaling().describePolicies(r -> r.autoScalingGroupName(LabNames.AUTO_SCALING_GROUP))
                .scalingPolicies().size());
        String lbArn = c.elb().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
        assertEquals(1, c.elb().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().size());
        assertEquals(1, c.ec2().describeSecurityGroups(r -> r.filters(
                FleetNetwork.filter("group-name", LabNames.LOAD_BALANCER_SECURITY_GROUP))).securityGroups().size());
        String albSg = new FleetLookup(c).managedSecurityGroup(LabNames.LOAD_BALANCER_SECURITY_GROUP).orElseThrow().groupId();
        assertEquals(1, rulesFrom(albSg));
        assertEquals(2, fixture.members(LabNames.AUTO_SCALING_GROUP).size());
    }

    /** How many rules of the web security group let the load balancer's group in. */
    private long rulesFrom(String albSg) {
        List<IpPermission> permissions = fixture.clients.ec2()
                .describeSecurityGroups(r -> r.groupIds(fixture.webSecurityGroupId)).securityGroups().get(0).ipPermissions();
        return permissions.stream().flatMap(p -> p.userIdGroupPairs().stream()).filter(p -> albSg.equals(p.groupId())).count();
    }
}
