package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.fleet.Pacer;
import awslab.i18n.Language;
import awslab.lab.cmd.CleanupCommand;
import awslab.lab.cmd.LaunchCommand;
import awslab.sandbox.SandboxClient;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault proxy in front of the sandbox service (a process of its own, as the shell starts
 * it), not only Moto: a lost or cut-short answer to {@code RunInstances} is found by its client
 * token and tag, never launched twice; lost answers to {@code cleanup}'s deletes are done, and
 * {@code cleanup} runs again cleanly. The sandbox, like Moto, does not honour client tokens: the
 * shell's looking is what makes one instance.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SandboxFaultsTest {
    @TempDir
    static Path home;

    private static SandboxClient sandbox;
    private FaultProxy proxy;
    private AwsClients clients;

    @TempDir
    Path stateDir;

    private TestShellContext ctx;

    @BeforeAll
    static void startTheSandbox() throws Exception {
        sandbox = SandboxClient.start(home, SandboxClient.Launch.defaults().withPort(0).withPace("fast")
                .withIdleStop(Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stopTheSandbox() {
        if (sandbox != null) {
            sandbox.stop(Duration.ofSeconds(60));
        }
    }

    /** A proxy of the test's own (it counts the calls it saw), on an account with nothing of the shell's. */
    @BeforeEach
    void proxyInFrontOfACleanAccount() {
        proxy = FaultProxy.in(sandbox.endpoint());
        clients = proxy.clients();
        ctx = new TestShellContext(Language.EN, clients, stateDir).answerConfirmations(true);
        assertEquals(0, TestShellContext.run(ctx, quickCleanup(), "--yes"), ctx.output() + ctx.steps());
        assertEquals(List.of(), labInstances(), "a fresh start");
        ctx = new TestShellContext(Language.EN, clients, stateDir).answerConfirmations(true);
    }

    @AfterEach
    void closeTheProxy() {
        clients.close();
        proxy.close();
    }

    private static CleanupCommand quickCleanup() {
        return new CleanupCommand(() -> Pacer.every(Duration.ofMillis(100)));
    }

    private List<String> labInstances() {
        return LaunchFaultsTest.labInstances(clients);
    }

    private void assertLaunchedOnceDespite(Fault fault) {
        LaunchFaultsTest.assertLaunchedOnceDespite(fault, proxy, ctx);
        assertEquals(1, proxy.requests("RunInstances").size(), "looked, did not launch again");
    }

    @Test
    void anAnswerDroppedAfterRunInstancesIsFoundByItsToken() {
        assertLaunchedOnceDespite(Fault.DROP_RESPONSE);
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("answer was lost")), ctx.steps().toString());
    }

    @Test
    void aTruncatedRunInstancesAnswerIsFoundByItsToken() {
        assertLaunchedOnceDespite(Fault.TRUNCATE);
    }

    @Test
    void cleanupGoesOnWhenTheAnswersToItsDeletesAreLostAndCanRunAgain() {
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output() + ctx.steps());
        proxy.on("TerminateInstances", Fault.DROP_RESPONSE, 1).on("DeleteSecurityGroup", Fault.DROP_RESPONSE, 1);
        assertEquals(0, TestShellContext.run(ctx, quickCleanup(), "--yes"), ctx.output() + ctx.steps());
        assertEquals(List.of(), labInstances());
        assertEquals(0, new TaggedResources(clients).securityGroups().size());
        assertEquals(0, TestShellContext.run(ctx, quickCleanup(), "--yes"), ctx.output());
        assertTrue(ctx.output().contains("Nothing to delete"), ctx.output());
    }
}
