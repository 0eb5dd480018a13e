package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.lab.LabNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** {@link FleetDeleter} against Moto: everything goes, in order, again and again, and after a crash. */
class FleetDeleterTest {
    private FleetFixture fixture;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void freshMoto() {
        fixture = FleetFixture.fresh();
    }

    private int delete() {
        return new FleetDeleter(fixture.clients, (key, args) -> steps.add(key), FleetFixture.fastPacer())
                .delete(FleetSettings.defaults());
    }

    @Test
    void deletesEveryResourceInDependencyOrderAndKeepsTheWebSecurityGroup() {
        new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        List<String> instances = fixture.members(LabNames.AUTO_SCALING_GROUP);

        assertEquals(6, delete()); // group, listener, load balancer, target group, template, security group
        assertEquals(List.of("msg.fleet.deleting.group", "msg.fleet.deleted.group", "msg.fleet.deleted.listener",
                "msg.fleet.deleted.loadBalancer", "msg.fleet.deleted.targetGroup", "msg.fleet.deleted.template",
                "msg.fleet.deleted.ingress", "msg.fleet.deleted.securityGroup"),
                steps.stream().filter(s -> !s.startsWith("msg.fleet.waiting")).toList());
        assertNothingLeft();
        fixture.clients.ec2().describeInstances(r -> r.instanceIds(instances)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .forEach(i -> assertEquals(InstanceStateName.TERMINATED, i.state().name(), i.instanceId()));
        var web = fixture.clients.ec2().describeSecurityGroups(r -> r.groupIds(fixture.webSecurityGroupId))
                .securityGroups().get(0);
        assertTrue(web.ipPermissions().stream().allMatch(p -> p.userIdGroupPairs().isEmpty()), web.toString());
    }

    @Test
    void deletingTwiceFindsNothingTheSecondTime() {
        new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        delete();
        steps.clear();
        assertEquals(0, delete());
        assertEquals(List.of(), steps);
    }

    @Test
    void cleansUpAfterACreateThatCrashedHalfWay() {
        // An image that does not exist: Moto accepts the launch template, then the group cannot
        // launch its instances and CreateAutoScalingGroup fails — the crash comes from AWS itself.
        LaunchSpec broken = new LaunchSpec("ami-00000000000000000", "t2.micro", LabNames.LAB_KEY_PAIR,
                fixture.webSecurityGroupId, FleetFixture.USER_DATA, false);
        assertThrows(AwsServiceException.class,
                () -> new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), broken));
        var lookup = new FleetLookup(fixture.clients);
        assertTrue(lookup.loadBalancer(LabNames.LOAD_BALANCER).isPresent(), "the crash left the load balancer");
        assertTrue(lookup.launchTemplate(LabNames.LAUNCH_TEMPLATE).isPresent(), "the crash left the template");

        assertTrue(delete() >= 5);
        assertNothingLeft();
    }

    @Test
    void cleanupDeletesEveryManagedFleetWhateverItsNames() {
        FleetSettings custom = new FleetSettings("modele-test", "ASG-test", "alb-test", "alb-test", "tg-test", 1, 1, 2, 50);
        new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(custom, fixture.spec);
        new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        // Not the shell's: a group without the awslab tags is never touched.
        fixture.clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("someone-elses")
                .launchTemplate(t -> t.launchTemplateName("modele-test")).minSize(0).maxSize(1).desiredCapacity(0)
                .vpcZoneIdentifier(FleetNetwork.lookUp(fixture.clients.ec2()).subnetIds().get(0)));

        int deleted = new FleetDeleter(fixture.clients, (key, args) -> steps.add(key), FleetFixture.fastPacer())
                .deleteAllManaged();

        assertEquals(12, deleted); // 6 resources per fleet
        assertEquals(List.of(), fixture.clients.ec2().describeSecurityGroups(r -> r.filters(
                FleetNetwork.filter("group-name", "alb-test", LabNames.LOAD_BALANCER_SECURITY_GROUP))).securityGroups());
        var left = fixture.clients.autoScaling().describeAutoScalingGroups().autoScalingGroups();
        assertEquals(List.of("someone-elses"), left.stream().map(g -> g.autoScalingGroupName()).toList());
        assertEquals(List.of(), fixture.clients.elb().describeLoadBalancers().loadBalancers());
        assertEquals(List.of(), fixture.clients.elb().describeTargetGroups().targetGroups());
    }

    private void assertNothingLeft() {
        var c = fixture.clients;
        assertEquals(List.of(), c.autoScaling().describeAutoScalingGroups().autoScalingGroups());
        assertEquals(List.of(), c.elb().describeLoadBalancers().loadBalancers());
        assertEquals(List.of(), c.elb().describeTargetGroups().targetGroups());
        assertEquals(List.of(), c.ec2().describeLaunchTemplates().launchTemplates());
        assertTrue(new FleetLookup(c).managedSecurityGroup(LabNames.LOAD_BALANCER_SECURITY_GROUP).isEmpty());
    }
}
