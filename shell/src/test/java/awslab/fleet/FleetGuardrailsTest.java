package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.learnerlab.LearnerLab;
import awslab.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Learner Lab cap and the cost estimate, on Moto. */
class FleetGuardrailsTest {
    private FleetFixture fixture;

    @BeforeEach
    void freshMoto() {
        fixture = FleetFixture.fresh();
    }

    private void runOthers(int count) {
        fixture.clients.ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro")
                .minCount(count).maxCount(count));
    }

    @Test
    void allowsAFleetThatFitsUnderTheCapWithTheOtherInstances() {
        runOthers(LearnerLab.MAX_RUNNING_INSTANCES - 4);
        assertEquals(5, new FleetGuardrails(fixture.clients).checkCapacity(FleetSettings.defaults()));
    }

    @Test
    void refusesAFleetWhoseMaximumPlusTheOtherInstancesExceedsTheCap() {
        runOthers(LearnerLab.MAX_RUNNING_INSTANCES - 3);
        UserException e = assertThrows(UserException.class,
                () -> new FleetGuardrails(fixture.clients).checkCapacity(FleetSettings.defaults()));
        assertEquals("err.fleet.cap", e.key());
        assertEquals(java.util.List.of(4, 6, 9), java.util.List.of(e.args()));
    }

    @Test
    void theGroupsOwnInstancesDoNotCountAgainstIt() {
        new FleetBuilder(fixture.clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        runOthers(LearnerLab.MAX_RUNNING_INSTANCES - 4);
        assertEquals(5, new FleetGuardrails(fixture.clients).checkCapacity(FleetSettings.defaults()));
    }

    @Test
    void refusesAMaximumAboveTheCapOnItsOwn() {
        UserException e = assertThrows(UserException.class, () -> new FleetGuardrails(fixture.clients)
                .checkCapacity(FleetSettings.defaults().withSizes(2, 2, 10)));
        assertEquals("err.fleet.cap", e.key());
    }

    @Test
    void estimatesTheLabsFleetAndFlagsWhatCostsMore() {
        FleetGuardrails.Cost lab = FleetGuardrails.estimate(FleetSettings.defaults(), fixture.spec.withDetailedMonitoring(false));
        double perInstance = 0.0116 + FleetGuardrails.VOLUME_HOURLY_USD;
        assertEquals(0.0305 + 2 * perInstance, lab.hourlyAtDesired(), 1e-9);
        assertEquals(0.0305 + 4 * perInstance, lab.hourlyAtMax(), 1e-9);
        assertFalse(lab.moreThanLabNeeds());
        assertEquals(0, lab.monitoringHourlyAtMax());

        FleetGuardrails.Cost monitored = FleetGuardrails.estimate(FleetSettings.defaults(), fixture.spec);
        assertEquals(4 * 7 * 0.30 / 730, monitored.monitoringHourlyAtMax(), 1e-9);

        LaunchSpec large = new LaunchSpec("ami-1", "t3.large", "vockey", "sg-1", "", false);
        assertTrue(FleetGuardrails.estimate(FleetSettings.defaults(), large).moreThanLabNeeds());
        assertTrue(FleetGuardrails.estimate(FleetSettings.defaults().withSizes(2, 3, 4), fixture.spec).moreThanLabNeeds());
    }

    @Test
    void refusesATypeLearnerLabForbidsAndSaysWhenAPriceIsUnknown() {
        LaunchSpec big = new LaunchSpec("ami-1", "t3.xlarge", "vockey", "sg-1", "", false);
        assertEquals("err.fleet.instanceType", assertThrows(UserException.class,
                () -> FleetGuardrails.estimate(FleetSettings.defaults(), big)).key());
        LaunchSpec unknown = new LaunchSpec("ami-1", "m5.large", "vockey", "sg-1", "", false);
        assertFalse(FleetGuardrails.estimate(FleetSettings.defaults(), unknown).instancePriceKnown());
    }

    @Test
    void refusesInconsistentSizes() {
        assertEquals("err.fleet.sizes", assertThrows(UserException.class,
                () -> FleetSettings.defaults().withSizes(3, 2, 4)).key());
        assertEquals("err.fleet.cpuTarget", assertThrows(UserException.class,
                () -> FleetSettings.defaults().withCpuTarget(0)).key());
    }
}
