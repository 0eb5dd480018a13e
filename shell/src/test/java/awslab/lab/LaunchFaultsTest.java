package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.i18n.Language;
import awslab.lab.cmd.CleanupCommand;
import awslab.lab.cmd.LaunchCommand;
import awslab.fleet.Pacer;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@code launch} and {@code cleanup} through a {@link FaultProxy} in front of Moto, with the
 * shell's own clients: an answer lost after AWS did the work is reconciled by looking, never
 * reported as a failure and never repeated into a second instance.
 */
class LaunchFaultsTest {
    @TempDir
    Path stateDir;

    private FaultProxy proxy;
    private AwsClients clients;
    private TestShellContext ctx;

    @BeforeEach
    void proxyInFrontOfMoto() {
        MotoServer.get().reset();
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
        ctx = new TestShellContext(Language.EN, clients, stateDir).answerConfirmations(true);
        LabMoto.importVockey(clients.ec2());
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }

    private List<String> labInstances() {
        return labInstances(clients);
    }

    /** The shell's instances, pending or running. */
    static List<String> labInstances(AwsClients clients) {
        return clients.ec2().describeInstances(r -> r.filters(LabTags.managedFilter(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).toList();
    }

    private void assertLaunchedOnceDespite(Fault fault) {
        assertLaunchedOnceDespite(fault, proxy, ctx);
    }

    /** {@code launch} through the proxy, its RunInstances met by {@code fault} once: one instance, and the shell names it. */
    static void assertLaunchedOnceDespite(Fault fault, FaultProxy proxy, TestShellContext ctx) {
        proxy.on("RunInstances", fault, 1);
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output() + ctx.steps());
        List<String> made = labInstances(ctx.clients());
        assertEquals(1, made.size(), fault + " made exactly one instance: " + made);
        assertTrue(ctx.output().contains(made.get(0)), ctx.output());
    }

    @Test
    void anAnswerDroppedAfterRunInstancesIsFoundByItsToken() {
        assertLaunchedOnceDespite(Fault.DROP_RESPONSE);
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("answer was lost")), ctx.steps().toString());
        assertEquals(1, proxy.requests("RunInstances").size(), "looked, did not launch again");
    }

    @Test
    void aTruncatedRunInstancesAnswerIsFoundByItsToken() {
        assertLaunchedOnceDespite(Fault.TRUNCATE);
        assertEquals(1, proxy.requests("RunInstances").size(), "looked, did not launch again");
    }

    @Test
    void aServerErrorBeforeAnythingWasDoneLaunchesAgainWithTheSameToken() {
        assertLaunchedOnceDespite(Fault.SERVER_ERROR);
        List<FaultProxy.Request> runs = proxy.requests("RunInstances");
        assertEquals(2, runs.size());
        String token = runs.get(0).params().get("ClientToken");
        assertTrue(token != null && token.startsWith("awslab-"), runs.toString());
        assertEquals(token, runs.get(1).params().get("ClientToken"), "AWS makes one instance per token, however often asked");
    }

    @Test
    void aThrottledLaunchIsRetriedByTheSdkWithTheSameToken() {
        assertLaunchedOnceDespite(Fault.THROTTLE);
        List<FaultProxy.Request> runs = proxy.requests("RunInstances");
        assertEquals(2, runs.size());
        assertEquals(runs.get(0).params().get("ClientToken"), runs.get(1).params().get("ClientToken"));
    }

    @Test
    void aRuleAddedWhoseAnswerAndRetryAreBothCutShortIsNoFailure() {
        // The first answer (the rule was added) and the retry's "already there" both arrive cut short.
        proxy.on("AuthorizeSecurityGroupIngress", Fault.TRUNCATE, 2);
        assertLaunchedOnceDespite(Fault.DELAY);
        assertEquals(3, proxy.requests("AuthorizeSecurityGroupIngress").size());
    }

    @Test
    void lostAnswersToTheSecurityGroupAndKeyPairAreReconciledToo() throws Exception {
        clients.ec2().deleteKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR));
        proxy.on("CreateSecurityGroup", Fault.DROP_RESPONSE, 1).on("CreateKeyPair", Fault.DROP_RESPONSE, 1);
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output() + ctx.steps());
        assertEquals(1, clients.ec2().describeSecurityGroups(r -> r.filters(
                Filter.builder().name("group-name").values(LabNames.WEB_SECURITY_GROUP).build())).securityGroups().size());
        assertEquals(2, proxy.requests("CreateKeyPair").size(), "the key whose private half was lost is made again");
        assertTrue(java.nio.file.Files.readString(KeyPairs.privateKeyFile(stateDir, LabNames.OWN_KEY_PAIR)).contains("PRIVATE KEY"));
        assertEquals(1, labInstances().size());
    }

    @Test
    void cleanupGoesOnWhenTheAnswerToADeleteIsLostAndCanRunAgain() throws Exception {
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output());
        proxy.on("TerminateInstances", Fault.DROP_RESPONSE, 1).on("DeleteSecurityGroup", Fault.DROP_RESPONSE, 1);
        CleanupCommand cleanup = new CleanupCommand(() -> new Pacer(java.time.Clock.systemUTC(), Duration.ofMillis(1)));
        assertEquals(0, TestShellContext.run(ctx, cleanup, "--yes"), ctx.output() + ctx.steps());
        assertEquals(List.of(), labInstances());
        assertEquals(0, new TaggedResources(clients).securityGroups().size());
        assertEquals(0, TestShellContext.run(ctx, new CleanupCommand(() -> Pacer.every(Duration.ofMillis(1))), "--yes"));
        assertTrue(ctx.output().contains("Nothing to delete"), ctx.output());
    }

    @Test
    void cleanupSaysWhatItWaitsForAndStopsAtItsBound() {
        String subnet = clients.ec2().describeSubnets().subnets().get(0).subnetId();
        String subnet2 = clients.ec2().describeSubnets().subnets().get(1).subnetId();
        clients.elb().createLoadBalancer(r -> r.name("lb-slow").subnets(subnet, subnet2).tags(
                software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key(LabTags.MANAGED).value("true").build()));
        proxy.always("DeleteLoadBalancer", Fault.PRETEND);
        var e = org.junit.jupiter.api.Assertions.assertThrows(awslab.api.UserException.class,
                () -> new Cleanup(clients, stateDir, ctx.progress(), new Waiting(7, Duration.ofMillis(1))).run());
        assertEquals("err.lab.cleanup.timeout", e.key());
        String said = ctx.messages().get(e.key(), e.args());
        assertTrue(said.contains("lb-slow") && said.contains("cleanup again"), said);
        assertEquals(2, ctx.steps().stream().filter(s -> s.contains("Waiting for AWS to delete load balancer lb-slow")).count(),
                "said at the first poll and every sixth: " + ctx.steps());
        proxy.clear();
        new Cleanup(clients, stateDir, ctx.progress(), new Waiting(7, Duration.ofMillis(1))).run();
        assertEquals(0, clients.elb().describeLoadBalancers().loadBalancers().size(), "run again, it finishes");
    }
}
