package awslab.fleet;

import awslab.lab.LabNames;
import awslab.api.AwsClients;
import java.util.List;

/** {@link FleetFixture} for tests in other packages (checkpoints, commands). */
public final class FleetTestAccess {
    private final FleetFixture fixture;

    private FleetTestAccess(FleetFixture fixture) {
        this.fixture = fixture;
    }

    /** Resets Moto, imports {@code vockey} and creates the web security group. */
    public static FleetTestAccess fresh() {
        return new FleetTestAccess(FleetFixture.fresh());
    }

    public AwsClients clients() {
        return fixture.clients;
    }

    public LaunchSpec spec() {
        return fixture.spec;
    }

    public String webSecurityGroupId() {
        return fixture.webSecurityGroupId;
    }

    /** A pacer with a 1 ms pause: Moto's changes are instant. */
    public Pacer pacer() {
        return FleetFixture.fastPacer();
    }

    public FleetWiring wiring(BusyLoopRunner runner, CpuMetrics metrics, Pacer pacer) {
        return fixture.wiring(runner, metrics, pacer);
    }

    /** The lab group's instance ids. */
    public List<String> members() {
        return fixture.members(LabNames.AUTO_SCALING_GROUP);
    }

    /** The instance ids registered in a target group. */
    public List<String> registered(String targetGroupArn) {
        return fixture.clients.elb().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions().stream().map(d -> d.target().id()).toList();
    }
}
