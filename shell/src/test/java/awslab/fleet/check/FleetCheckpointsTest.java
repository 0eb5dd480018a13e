package awslab.fleet.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.fleet.FleetBuilder;
import awslab.fleet.FleetDeleter;
import awslab.fleet.FleetSettings;
import awslab.fleet.FleetTestAccess;
import awslab.lab.LabNames;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.CheckResult.Outcome;
import awslab.api.Reachability;
import awslab.api.Progress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * The five fleet checkpoints against a fleet on Moto. Where Moto does not do what AWS does
 * (targets never change health by themselves, policies never fire, the replacement of a
 * terminated instance is not registered), the test does it, and says so.
 */
class FleetCheckpointsTest {
    private FleetTestAccess fleet;
    private final Map<String, String> facts = new HashMap<>();

    @BeforeEach
    void freshMoto() {
        fleet = FleetTestAccess.fresh();
        facts.clear();
    }

    private CheckResult check(awslab.api.Checkpoint checkpoint, Reachability reachability) {
        return checkpoint.verify(new CheckContext(fleet.clients(), reachability, facts));
    }

    private CheckResult check(awslab.api.Checkpoint checkpoint) {
        return check(checkpoint, Reachability.NONE);
    }

    private FleetBuilder.Built create(FleetSettings settings) {
        return new FleetBuilder(fleet.clients(), Progress.SILENT).create(settings, fleet.spec());
    }

    @Test
    void idsAreTheOnesLessonsUse() {
        assertEquals(List.of("fleet-ready", "load-balancer-alternates", "fleet-replaced", "fleet-scaled-out",
                "fleet-deleted"), FleetCheckpoints.all().stream().map(c -> c.id()).toList());
    }

    @Test
    void fleetReadyPassesOnTheLabsFleetAndRecordsItsFacts() {
        assertEquals("msg.check.fleet.noGroup", check(new FleetReadyCheckpoint()).messageKey());
        FleetBuilder.Built built = create(FleetSettings.defaults());
        CheckResult result = check(new FleetReadyCheckpoint());
        assertEquals(Outcome.PASSED, result.outcome(), result.toString());
        assertEquals(LabNames.AUTO_SCALING_GROUP, facts.get(FleetFacts.GROUP));
        assertEquals(built.loadBalancerDns(), facts.get(FleetFacts.LB_DNS));
    }

    @Test
    void fleetReadyFailsWithOtherSizesOrTooFewHealthyTargets() {
        FleetBuilder.Built built = create(FleetSettings.defaults());
        // Moto never checks health: the test takes a target out, as a failing health check would.
        String member = fleet.members().get(0);
        fleet.clients().elb().deregisterTargets(r -> r.targetGroupArn(built.targetGroupArn())
                .targets(TargetDescription.builder().id(member).port(80).build()));
        CheckResult unhealthy = check(new FleetReadyCheckpoint());
        assertEquals(Outcome.FAILED, unhealthy.outcome());
        assertEquals("msg.check.fleetReady.unhealthy", unhealthy.messageKey());

        fleet.clients().autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName(LabNames.AUTO_SCALING_GROUP)
                .maxSize(3));
        assertEquals("msg.check.fleetReady.sizes", check(new FleetReadyCheckpoint()).messageKey());
    }

    @Test
    void loadBalancerAlternatesCannotCheckWhereTheLoadBalancerIsUnreachable() {
        create(FleetSettings.defaults());
        CheckResult result = check(new LoadBalancerAlternatesCheckpoint());
        assertEquals(Outcome.CANNOT_CHECK, result.outcome());
        assertEquals("msg.check.alternates.unreachable", result.messageKey());
    }

    @Test
    void loadBalancerAlternatesPassesWhenTwoGroupMembersTakeTurns() {
        String dns = create(FleetSettings.defaults()).loadBalancerDns();
        try (LocalRoundRobin lb = new LocalRoundRobin(fleet.members())) {
            CheckResult result = check(new LoadBalancerAlternatesCheckpoint(), reaching(dns, lb.uri()));
            assertEquals(Outcome.PASSED, result.outcome(), result.toString());
            String answers = (String) result.args().get(1);
            assertEquals(Map.of(fleet.members().get(0), 4L, fleet.members().get(1), 4L),
                    List.of(answers.split(" ")).stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        }
    }

    @Test
    void loadBalancerAlternatesFailsOnOneInstanceOrOnStrangers() {
        String dns = create(FleetSettings.defaults()).loadBalancerDns();
        try (LocalRoundRobin lb = new LocalRoundRobin(List.of(fleet.members().get(0)))) {
            assertEquals("msg.check.alternates.single",
                    check(new LoadBalancerAlternatesCheckpoint(), reaching(dns, lb.uri())).messageKey());
        }
        try (LocalRoundRobin lb = new LocalRoundRobin(List.of(fleet.members().get(0), "i-0000000000stranger"))) {
            assertEquals("msg.check.alternates.strangers",
                    check(new LoadBalancerAlternatesCheckpoint(), reaching(dns, lb.uri())).messageKey());
        }
    }

    @Test
    void fleetReplacedWaitsForTheReplacementToServe() {
        String targetGroup = create(FleetSettings.defaults()).targetGroupArn();
        String victim = fleet.members().get(0);
        facts.put(FleetFacts.TERMINATED_INSTANCE, victim);
        fleet.clients().ec2().terminateInstances(r -> r.instanceIds(victim));
        // Moto has replaced it already, but registers the replacement only on a later group update.
        CheckResult before = check(new FleetReplacedCheckpoint());
        assertEquals("msg.check.replaced.notYet", before.messageKey(), before.toString());

        List<String> registered = fleet.registered(targetGroup);
        String replacement = fleet.members().stream().filter(id -> !registered.contains(id)).findFirst().orElseThrow();
        fleet.clients().elb().registerTargets(r -> r.targetGroupArn(targetGroup)
                .targets(TargetDescription.builder().id(replacement).port(80).build()));
        CheckResult after = check(new FleetReplacedCheckpoint());
        assertEquals(Outcome.PASSED, after.outcome(), after.toString());
        assertEquals(victim, after.args().get(2));
    }

    @Test
    void fleetReplacedFindsTheTerminatedInstanceWithoutAFact() {
        String targetGroup = create(FleetSettings.defaults()).targetGroupArn();
        assertEquals("msg.check.replaced.nothingTerminated", check(new FleetReplacedCheckpoint()).messageKey());
        String victim = fleet.members().get(1);
        fleet.clients().ec2().terminateInstances(r -> r.instanceIds(victim));
        List<String> registered = fleet.registered(targetGroup);
        String replacement = fleet.members().stream().filter(id -> !registered.contains(id)).findFirst().orElseThrow();
        // As AWS would once the replacement passes its health checks (Moto never registers it).
        fleet.clients().elb().registerTargets(r -> r.targetGroupArn(targetGroup)
                .targets(TargetDescription.builder().id(replacement).port(80).build()));
        CheckResult result = check(new FleetReplacedCheckpoint());
        assertEquals(Outcome.PASSED, result.outcome(), result.toString());
        assertEquals(victim, facts.get(FleetFacts.TERMINATED_INSTANCE));
    }

    @Test
    void fleetScaledOutPassesOnceTheGroupGrowsBeyondItsMinimum() {
        create(FleetSettings.defaults());
        assertEquals("msg.check.scaledOut.notYet", check(new FleetScaledOutCheckpoint()).messageKey());
        // Moto's policies never fire: the test raises the desired capacity where the CPU alarm would have.
        fleet.clients().autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(LabNames.AUTO_SCALING_GROUP)
                .desiredCapacity(3));
        CheckResult result = check(new FleetScaledOutCheckpoint());
        assertEquals(Outcome.PASSED, result.outcome(), result.toString());
    }

    @Test
    void fleetDeletedPassesOnlyWhenNothingIsLeft() {
        create(FleetSettings.defaults());
        CheckResult before = check(new FleetDeletedCheckpoint());
        assertEquals(Outcome.FAILED, before.outcome());
        assertTrue(before.args().get(0).toString().contains(LabNames.LOAD_BALANCER), before.toString());
        new FleetDeleter(fleet.clients(), Progress.SILENT, fleet.pacer()).delete(FleetSettings.defaults());
        assertEquals(Outcome.PASSED, check(new FleetDeletedCheckpoint()).outcome());
    }

    /** Reaches one load balancer, by its DNS name, at a local address; nothing else. */
    private static Reachability reaching(String dns, URI uri) {
        return new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return dns.equals(dnsName) ? Optional.of(uri) : Optional.empty();
            }
        };
    }
}
