package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.lab.LabNames;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet create} and the fleet's deletion through a {@link FaultProxy} in front of Moto:
 * every creation whose answer is lost is found again (by name and the shell's tag), every
 * delete whose answer is lost counts as done, and nothing is made twice.
 */
class FleetFaultsTest {
    static final List<String> CREATIONS = List.of("CreateSecurityGroup", "CreateLaunchTemplate", "CreateTargetGroup",
            "CreateLoadBalancer", "CreateListener", "CreateAutoScalingGroup");

    private FaultProxy proxy;
    private AwsClients clients;
    private FleetFixture fixture;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void proxyInFrontOfMoto() {
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
        fixture = FleetFixture.fresh(clients);
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }

    @Test
    void everyCreationWhoseAnswerIsLostIsFoundAgainAndMadeOnce() {
        int webGroup = proxy.requests("CreateSecurityGroup").size(); // the fixture's part-1 group
        CREATIONS.forEach(op -> proxy.on(op, Fault.DROP_RESPONSE, 1));
        FleetBuilder.Built built = new FleetBuilder(clients, (key, args) -> steps.add(key))
                .create(FleetSettings.defaults(), fixture.spec);
        assertEquals(CREATIONS.size(), steps.stream().filter("msg.aws.reconciled"::equals).count(), steps.toString());
        for (String op : CREATIONS) {
            assertEquals(op.equals("CreateSecurityGroup") ? webGroup + 1 : 1, proxy.requests(op).size(),
                    op + " was looked for, not made again");
        }
        assertEquals(1, clients.autoScaling().describeAutoScalingGroups().autoScalingGroups().size());
        assertEquals(1, clients.elb().describeLoadBalancers().loadBalancers().size());
        assertEquals(1, clients.elb().describeTargetGroups().targetGroups().size());
        assertEquals(1, clients.ec2().describeLaunchTemplates().launchTemplates().size());
        assertEquals(1, new FleetLookup(clients).listeners(built.loadBalancerArn()).size());
        assertEquals(2, fixture.members(LabNames.AUTO_SCALING_GROUP).size());
    }

    @Test
    void aTruncatedAnswerToCreateLaunchTemplateKeepsItsClientToken() {
        proxy.on("CreateLaunchTemplate", Fault.SERVER_ERROR, 1);
        new FleetBuilder(clients, (key, args) -> steps.add(key)).create(FleetSettings.defaults(), fixture.spec);
        List<FaultProxy.Request> tries = proxy.requests("CreateLaunchTemplate");
        assertEquals(2, tries.size());
        assertTrue(tries.get(0).params().get("ClientToken").startsWith("awslab-"), tries.toString());
        assertEquals(tries.get(0).params().get("ClientToken"), tries.get(1).params().get("ClientToken"));
    }

    @Test
    void aLostAnswerToDeleteAutoScalingGroupDoesNotStopTheDeletion() {
        new FleetBuilder(clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        proxy.on("DeleteAutoScalingGroup", Fault.DROP_RESPONSE, 1).on("DeleteLoadBalancer", Fault.DROP_RESPONSE, 1)
                .on("DeleteTargetGroup", Fault.DROP_RESPONSE, 1).on("DeleteLaunchTemplate", Fault.TRUNCATE, 1);
        int deleted = new FleetDeleter(clients, (key, args) -> steps.add(key), FleetFixture.fastPacer()).deleteAllManaged();
        assertTrue(deleted >= 6, "deleted " + deleted + ": " + steps);
        assertTrue(proxy.requests("DeleteAutoScalingGroup").size() >= 2, "the SDK asked again and met 'not found'");
        assertEquals(0, clients.autoScaling().describeAutoScalingGroups().autoScalingGroups().size());
        assertEquals(0, clients.elb().describeLoadBalancers().loadBalancers().size());
        assertEquals(0, clients.elb().describeTargetGroups().targetGroups().size());
        assertEquals(0, clients.ec2().describeLaunchTemplates().launchTemplates().size());
        assertEquals(0, new FleetDeleter(clients, awslab.api.Progress.SILENT, FleetFixture.fastPacer()).deleteAllManaged(),
                "run again, it finds nothing left");
    }
}
