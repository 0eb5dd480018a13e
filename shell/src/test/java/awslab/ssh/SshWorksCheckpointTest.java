package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import awslab.lab.LabNames;
import awslab.lab.LabTags;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Reachability;
import awslab.api.AwsClients;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshWorksCheckpointTest {
    @TempDir
    Path dir;

    private TestSshServer server;
    private AwsClients clients;
    private SshWorksCheckpoint checkpoint;

    @BeforeEach
    void setUp() throws IOException {
        MotoServer.get().reset();
        server = TestSshServer.start(dir); // writes dir/labsuser.pem, found as in a student's working folder
        clients = TestShellContext.motoClients();
        clients.ec2().importKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR)
                .publicKeyMaterial(SdkBytes.fromUtf8String(server.publicKeyOpenSsh())));
        Path home = Files.createDirectories(dir.resolve("home"));
        checkpoint = new SshWorksCheckpoint(new KeyLocator(dir, home, dir.resolve("state")),
                new SshSessions(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")), Progress.SILENT, Duration.ofSeconds(5)));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    @Test
    void passesWhenTheLabInstanceRunsACommandOverSsh() {
        String id = launch();
        CheckResult result = checkpoint.verify(new CheckContext(clients, SshCommandTest.to(id, server.address()), Map.of()));
        assertEquals(CheckResult.Outcome.PASSED, result.outcome(), result.toString());
        assertEquals("ssh-works", checkpoint.id());

        CheckResult byFact = checkpoint.verify(new CheckContext(clients, SshCommandTest.to(id, server.address()), Map.of("instance.id", id)));
        assertEquals(CheckResult.Outcome.PASSED, byFact.outcome(), byFact.toString());
    }

    @Test
    void cannotCheckWhereInstancesExistOnlyOnPaper() {
        launch();
        CheckResult result = checkpoint.verify(new CheckContext(clients, Reachability.NONE, Map.of()));
        assertEquals(CheckResult.Outcome.CANNOT_CHECK, result.outcome());
        assertEquals("msg.check.ssh.cannotCheck", result.messageKey());
    }

    @Test
    void failsWithTheSshExplanationWhenTheKeyDoesNotMatch() throws IOException {
        String id = launch();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        TestSshServer.otherKey(elsewhere.resolve("labsuser.pem"));
        SshWorksCheckpoint wrongKey = new SshWorksCheckpoint(new KeyLocator(elsewhere, elsewhere, dir.resolve("state")),
                new SshSessions(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")), Progress.SILENT, Duration.ofSeconds(5)));
        CheckResult result = wrongKey.verify(new CheckContext(clients, SshCommandTest.to(id, server.address()), Map.of()));
        assertEquals(CheckResult.Outcome.FAILED, result.outcome());
        assertEquals("err.ssh.auth.keyPair", result.messageKey());
    }

    @Test
    void failsWhenNoLabInstanceRuns() {
        CheckResult none = checkpoint.verify(new CheckContext(clients, Reachability.NONE, Map.of()));
        assertEquals("msg.check.ssh.noInstance", none.messageKey());
        String id = launch();
        clients.ec2().stopInstances(r -> r.instanceIds(id));
        CheckResult stopped = checkpoint.verify(new CheckContext(clients, Reachability.NONE, Map.of("instance.id", id)));
        assertEquals(CheckResult.Outcome.FAILED, stopped.outcome());
        assertEquals("err.ssh.instance.notRunning", stopped.messageKey());
    }

    private String launch() {
        return clients.ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType(InstanceType.T2_MICRO)
                        .keyName(LabNames.LAB_KEY_PAIR).minCount(1).maxCount(1)
                        .tagSpecifications(LabTags.ec2Spec(ResourceType.INSTANCE, "web", "part1")))
                .instances().get(0).instanceId();
    }
}
