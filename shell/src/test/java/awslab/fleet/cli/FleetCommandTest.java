package awslab.fleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.fleet.CpuMetrics;
import awslab.fleet.FleetTestAccess;
import awslab.fleet.FleetWiring;
import awslab.fleet.SteppingPacer;
import awslab.lab.LabNames;
import awslab.i18n.Language;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** {@code fleet create|status|watch|delete} parsed by picocli and run against Moto. */
class FleetCommandTest {
    @TempDir
    Path stateDir;

    private FleetTestAccess fleet;
    private TestShellContext ctx;
    private SteppingPacer pacer;

    @BeforeEach
    void freshMoto() {
        fleet = FleetTestAccess.fresh();
        ctx = new TestShellContext(Language.EN, fleet.clients(), stateDir);
        pacer = SteppingPacer.every(Duration.ofSeconds(5));
    }

    private FleetWiring wiring() {
        return fleet.wiring(new RecordingRunner(), (group, ids, window) -> CpuMetrics.CpuReading.unavailable(), pacer);
    }

    private CommandRun fleet(String... args) {
        return CommandRun.run(ctx, new FleetCommand(wiring()), args);
    }

    @Test
    void createShowsCapCostEachResourceThenTheHealthyFleet() {
        CommandRun run = fleet("create");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Learner Lab cap: at most 9 running instances. The group may grow to 4; no other instance runs."), run.output());
        assertTrue(run.output().contains("Estimated cost: about $0.061 per hour with 2 instances"), run.output());
        assertTrue(run.output().contains("Detailed monitoring is on"), run.output());
        assertTrue(run.output().contains("After 0 s: 2 healthy instances of 2 desired."), run.output());
        assertTrue(run.output().contains("⚖ awslab-alb  active"), run.output());
        List<String> steps = ctx.steps();
        assertTrue(steps.contains("Created the launch template modele-webservice ("
                + fleet.clients().ec2().describeLaunchTemplates().launchTemplates().get(0).launchTemplateId() + ")."), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("Created the Auto Scaling group ASG-webservice: desired 2, min 2, max 4, zones us-east-1a, us-east-1b")),
                steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.matches("\\+0\u00a0s  i-\\w+ appeared in us-east-1a: InService, target healthy, EC2 running")),
                steps.toString());
    }

    @Test
    void createTwiceReusesEverything() {
        fleet("create", "--no-wait");
        CommandRun again = fleet("create", "--no-wait");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(ctx.steps().contains("The launch template modele-webservice ("
                + fleet.clients().ec2().describeLaunchTemplates().launchTemplates().get(0).launchTemplateId()
                + ") already exists: reused."), ctx.steps().toString());
        assertEquals(1, fleet.clients().elb().describeLoadBalancers().loadBalancers().size());
        assertEquals(2, fleet.members().size());
    }

    @Test
    void createHonoursNamesSizesAndMonitoringOptions() {
        CommandRun run = fleet("create", "--no-wait", "--group-name", "ASG-test", "--template-name", "modele-test",
                "--min", "1", "--desired", "1", "--max", "2", "--cpu-target", "40", "--no-detailed-monitoring");
        assertEquals(0, run.exitCode(), run.output());
        var group = fleet.clients().autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("ASG-test"))
                .autoScalingGroups().get(0);
        assertEquals(List.of(1, 1, 2), List.of(group.minSize(), group.desiredCapacity(), group.maxSize()));
        assertEquals("modele-test", group.launchTemplate().launchTemplateName());
        assertEquals(40.0, fleet.clients().autoScaling().describePolicies(r -> r.autoScalingGroupName("ASG-test"))
                .scalingPolicies().get(0).targetTrackingConfiguration().targetValue());
        assertFalse(fleet.clients().ec2().describeLaunchTemplateVersions(r -> r.launchTemplateName("modele-test"))
                .launchTemplateVersions().get(0).launchTemplateData().monitoring().enabled());
        assertTrue(run.output().contains("Detailed monitoring is off"), run.output());
    }

    @Test
    void createRefusesToCrossTheLearnerLabCap() {
        fleet.clients().ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro")
                .minCount(6).maxCount(6));
        CommandRun run = fleet("create");
        assertEquals("err.fleet.cap", run.errorKey());
        assertEquals(List.of(), fleet.clients().elb().describeLoadBalancers().loadBalancers(), "nothing created");
    }

    @Test
    void aCostlierFleetNeedsConfirmation() {
        CommandRun refused = fleet("create", "--desired", "3");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.output().contains("bigger or costlier than the lab needs"), refused.output());
        assertTrue(refused.output().contains("Nothing was created."), refused.output());
        assertEquals(List.of(), fleet.clients().elb().describeLoadBalancers().loadBalancers());

        assertEquals(0, fleet("create", "--desired", "3", "--yes", "--no-wait").exitCode());
        assertEquals(3, fleet.members().size());
    }

    @Test
    void createNeedsTheShellToProvideTheLaunchSpec() {
        CommandRun run = CommandRun.run(ctx, new FleetCommand(FleetWiring.defaults()), "create");
        assertEquals("err.fleet.notWired", run.errorKey());
    }

    @Test
    void statusShowsTheAddressCapacityInstancesAndPicture() {
        fleet("create", "--no-wait");
        String dns = fleet.clients().elb().describeLoadBalancers().loadBalancers().get(0).dnsName();
        CommandRun run = fleet("status");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Group ASG-webservice: desired 2, min 2, max 4; 2 instances in service, 2 of them healthy"), run.output());
        assertTrue(run.output().contains("Load balancer awslab-alb, active: http://" + dns + "/instance"), run.output());
        assertTrue(run.output().contains("Subnets in zones: us-east-1a, us-east-1b"), run.output());
        for (String id : fleet.members()) {
            assertTrue(run.output().contains(id + "  us-east-1a  InService  healthy  running"), run.output());
        }
        assertTrue(run.output().contains("└─ us-east-1b"), run.output());
    }

    @Test
    void statusSpeaksFrench() {
        fleet("create", "--no-wait");
        TestShellContext fr = new TestShellContext(Language.FR, fleet.clients(), stateDir);
        CommandRun run = CommandRun.run(fr, new FleetCommand(wiring()), "status");
        assertTrue(run.output().contains("Groupe ASG-webservice : souhaité 2, min 2, max 4 ; 2 instances en service, dont 2 saines"),
                run.output());
        assertTrue(run.output().contains("Équilibreur de charge awslab-alb, actif (active)"), run.output());
    }

    @Test
    void statusAndWatchOfAnUnknownGroupAreClearErrors() {
        assertEquals("err.fleet.group.unknown", fleet("status").errorKey());
        assertEquals("err.fleet.group.unknown", fleet("watch", "--group-name", "nope").errorKey());
    }

    @Test
    void watchFollowsTheReplacementOfATerminatedInstance() {
        fleet("create", "--no-wait");
        String targetGroup = fleet.clients().elb().describeTargetGroups().targetGroups().get(0).targetGroupArn();
        String victim = fleet.members().get(0);
        fleet.clients().ec2().terminateInstances(r -> r.instanceIds(victim));
        List<String> registered = fleet.registered(targetGroup);
        String replacement = fleet.members().stream().filter(id -> !registered.contains(id)).findFirst().orElseThrow();
        // Moto replaced the instance but does not register the replacement: the test does, as AWS would, 10 s later.
        pacer.at(2, () -> fleet.clients().elb().registerTargets(r -> r.targetGroupArn(targetGroup)
                .targets(TargetDescription.builder().id(replacement).port(80).build())));

        CommandRun run = fleet("watch", "--timeout", "120");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(ctx.steps().contains("+0\u00a0s  " + replacement + " appeared in us-east-1a: InService, target unregistered, EC2 running"),
                ctx.steps().toString());
        assertTrue(ctx.steps().contains("+10\u00a0s  " + replacement + " (us-east-1a): InService, target healthy, EC2 running"),
                ctx.steps().toString());
        assertTrue(run.output().contains("After 10 s: 2 healthy instances of 2 desired."), run.output());
    }

    @Test
    void watchFollowsASettledGroupThroughAScaleIn() {
        fleet("create", "--no-wait");
        ctx.reachability(new awslab.api.Reachability() { // a cloud with instances of its own, unlike Moto
            @Override
            public java.util.Optional<java.net.URI> webService(String instanceId, String publicIp) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<java.net.InetSocketAddress> ssh(String instanceId, String publicIp) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<java.net.URI> loadBalancer(String dnsName) {
                return java.util.Optional.empty();
            }
        });
        // Low CPU for long enough: the policy lowers the desired capacity, the group drops an instance.
        pacer.at(3, () -> fleet.clients().autoScaling().setDesiredCapacity(r -> r
                .autoScalingGroupName(LabNames.AUTO_SCALING_GROUP).desiredCapacity(1).honorCooldown(false)));
        CommandRun run = fleet("watch", "--timeout", "300");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(ctx.steps().contains("The group is settled (2 healthy instances of 2 desired): following its changes (Ctrl-C stops)."),
                ctx.steps().toString());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.startsWith("+15\u00a0s  desired 1")), ctx.steps().toString());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.endsWith("left the group")), ctx.steps().toString());
        assertTrue(run.output().contains("After 15 s: 1 healthy instance of 1 desired."), run.output());
    }

    @Test
    void terminatingAMemberSaysTheGroupWillReplaceIt() {
        fleet("create", "--no-wait");
        String victim = fleet.members().get(0);
        assertEquals(0, TestShellContext.run(ctx, new awslab.lab.cmd.TerminateCommand(), victim, "--yes"), ctx.output());
        assertTrue(ctx.output().contains(victim + " belongs to the Auto Scaling group ASG-webservice: the group will launch"
                + " a replacement to keep 2 instances."), ctx.output());
    }

    @Test
    void onAnEmulatorASettledGroupHasNothingToFollow() {
        fleet("create", "--no-wait");
        CommandRun run = fleet("watch");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("On this target (an emulator) the group does not change by itself"), run.output());
        assertEquals(0, pacer.pauses(), "said at once");
    }

    @Test
    void watchGivesUpAtItsTimeout() {
        fleet("create", "--no-wait");
        String targetGroup = fleet.clients().elb().describeTargetGroups().targetGroups().get(0).targetGroupArn();
        fleet.clients().elb().deregisterTargets(r -> r.targetGroupArn(targetGroup)
                .targets(TargetDescription.builder().id(fleet.members().get(0)).port(80).build()));
        CommandRun run = fleet("watch", "--timeout", "30");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("Still not there after 30 s: 1 healthy instance of 2 desired."), run.output());
        assertEquals(6, pacer.pauses());
    }

    @Test
    void deleteAsksThenDeletesEverythingAndTheSecondTimeFindsNothing() {
        fleet("create", "--no-wait");
        CommandRun refused = fleet("delete");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.output().contains("Delete the fleet ASG-webservice"), refused.output());
        assertEquals(1, fleet.clients().elb().describeLoadBalancers().loadBalancers().size());

        CommandRun deleted = fleet("delete", "--yes");
        assertEquals(0, deleted.exitCode(), deleted.output());
        assertTrue(deleted.output().contains("Fleet deleted (6 resources)."), deleted.output());
        assertTrue(ctx.steps().contains("Deleted the load balancer awslab-alb."), ctx.steps().toString());
        assertTrue(fleet("delete", "--yes").output().endsWith("Nothing to delete: no fleet resource is left."
                + System.lineSeparator()));
    }

    @Test
    void fleetAloneListsItsSubcommands() {
        CommandRun run = fleet();
        assertEquals(0, run.exitCode());
        assertTrue(run.output().contains("fleet create, fleet status, fleet watch, fleet delete"), run.output());
    }
}
