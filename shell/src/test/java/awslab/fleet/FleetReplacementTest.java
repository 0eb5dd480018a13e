package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.lab.LabNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * An instance of the group is terminated; {@link FleetInspector} knows it belongs to the group,
 * and {@link FleetWatcher} follows the group until it serves its desired healthy instances.
 *
 * <p>Moto replaces the terminated instance within the terminate call but, unlike AWS, does not
 * register the replacement in the target group: the test registers it, where AWS would have,
 * between two polls of the watcher.
 */
class FleetReplacementTest {
    private FleetFixture fixture;
    private final List<String> steps = new ArrayList<>();
    private String targetGroupArn;

    @BeforeEach
    void freshFleet() {
        fixture = FleetFixture.fresh();
        targetGroupArn = new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT)
                .create(FleetSettings.defaults(), fixture.spec).targetGroupArn();
    }

    private FleetWatcher watcher(Pacer pacer) {
        return new FleetWatcher(new FleetInspector(fixture.clients),
                (key, args) -> steps.add(key + " " + List.of(args)), pacer);
    }

    @Test
    void theLookupTellsWhichGroupAnInstanceBelongsTo() {
        String member = fixture.members(LabNames.AUTO_SCALING_GROUP).get(0);
        assertEquals(LabNames.AUTO_SCALING_GROUP, new FleetLookup(fixture.clients).groupOf(member).orElseThrow());
        String loner = fixture.clients.ec2().runInstances(r -> r.imageId(awslab.testing.MotoServer.UBUNTU_AMI)
                .instanceType("t2.micro").minCount(1).maxCount(1)).instances().get(0).instanceId();
        assertTrue(new FleetLookup(fixture.clients).groupOf(loner).isEmpty());
    }

    @Test
    void watchesTheGroupReplaceATerminatedInstance() {
        String victim = fixture.members(LabNames.AUTO_SCALING_GROUP).get(0);
        fixture.clients.ec2().terminateInstances(r -> r.instanceIds(victim));
        List<String> after = fixture.members(LabNames.AUTO_SCALING_GROUP);
        assertFalse(after.contains(victim), "Moto replaces within the terminate call");
        List<String> registered = registered();
        String replacement = after.stream().filter(id -> !registered.contains(id)).findFirst().orElseThrow();

        int[] pauses = {0};
        Pacer awsRegistersTheReplacement = new Pacer(Clock.systemUTC(), Duration.ofMillis(1)) {
            @Override
            protected void pause() {
                if (++pauses[0] == 2) {
                    fixture.clients.elb().registerTargets(r -> r.targetGroupArn(targetGroupArn)
                            .targets(TargetDescription.builder().id(replacement).port(80).build()));
                }
            }
        };
        FleetWatcher.Outcome outcome = watcher(awsRegistersTheReplacement).watch(LabNames.AUTO_SCALING_GROUP,
                Duration.ofSeconds(30));

        assertTrue(outcome.reached(), steps.toString());
        assertEquals(2, pauses[0], "not healthy until registered");
        assertEquals(2, outcome.last().healthyInService());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.fleet.watch.appeared") && s.contains(replacement)
                && s.contains("unregistered")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.fleet.watch.changed") && s.contains(replacement)
                && s.contains("healthy")), steps.toString());
    }

    @Test
    void stopsAtTheTimeoutWhenTheGroupNeverGetsThere() {
        String member = fixture.members(LabNames.AUTO_SCALING_GROUP).get(0);
        fixture.clients.elb().deregisterTargets(r -> r.targetGroupArn(targetGroupArn)
                .targets(TargetDescription.builder().id(member).port(80).build()));
        FleetWatcher.Outcome outcome = watcher(new Pacer(Clock.systemUTC(), Duration.ofMillis(20)))
                .watch(LabNames.AUTO_SCALING_GROUP, Duration.ofMillis(300));
        assertFalse(outcome.reached());
        assertEquals(1, outcome.last().healthyInService());
        assertTrue(outcome.elapsed().toMillis() >= 300, outcome.toString());
        assertTrue(outcome.elapsed().toMillis() < 10_000, outcome.toString());
    }

    @Test
    void anUnknownGroupIsAClearError() {
        assertEquals("err.fleet.group.unknown", assertThrows(UserException.class,
                () -> watcher(FleetFixture.fastPacer()).watch("no-such-group", Duration.ofSeconds(1))).key());
    }

    private List<String> registered() {
        return fixture.clients.elb().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions().stream().map(d -> d.target().id()).toList();
    }
}
