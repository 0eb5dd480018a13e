package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/** What goes wrong inside the sandbox is logged, settled as AWS would settle it, and never stops the rest. */
class SandboxRobustnessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger SANDBOX_LOG = Logger.getLogger("awslab.sandbox");

    @TempDir
    Path stateDir;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        recorder.setLevel(Level.WARNING);
        SANDBOX_LOG.addHandler(recorder);
    }

    @AfterEach
    void stopListening() {
        SANDBOX_LOG.removeHandler(recorder);
    }

    private SandboxConfig kept() {
        return new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), true);
    }

    /** A state file from elsewhere (an older build, a hand edit) makes every reconcile pass fail: each is logged, none stops the loop. */
    @Test
    void aFailingBackgroundPassIsLoggedAndTheLoopGoesOn() throws Exception {
        try (Sandbox sandbox = Sandbox.start(kept()); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build();
                AutoScalingClient autoScaling = sandbox.configure(AutoScalingClient.builder()).build()) {
            ec2.createLaunchTemplate(b -> b.launchTemplateName("tpl").launchTemplateData(d -> d.imageId(Sandbox.IMAGE_ID)
                    .instanceType(InstanceType.T2_MICRO)));
            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("g").launchTemplate(t -> t.launchTemplateName("tpl"))
                    .minSize(0).maxSize(1).desiredCapacity(0).availabilityZones("us-east-1a"));
        }
        Path file = stateDir.resolve("sandbox/state.json");
        String saved = Files.readString(file);
        assertTrue(saved.contains("\"launchTemplateVersion\": \"$Default\"") && saved.contains("\"desired\": 0"), saved);
        Files.writeString(file, saved.replace("\"launchTemplateVersion\": \"$Default\"", "\"launchTemplateVersion\": \"first\"")
                .replace("\"desired\": 0", "\"desired\": 1"));

        try (Sandbox sandbox = Sandbox.start(kept()); AutoScalingClient autoScaling = sandbox.configure(AutoScalingClient.builder()).build()) {
            await("two failed reconcile passes logged", WAIT, () -> failedPasses("reconcile") >= 2);
            LogRecord failure = logged.stream().filter(r -> r.getMessage().contains("reconcile loop failed a pass")).findFirst().orElseThrow();
            assertTrue(failure.getThrown() instanceof NumberFormatException, "the log says why: " + failure.getThrown());
            autoScaling.updateAutoScalingGroup(b -> b.autoScalingGroupName("g").launchTemplate(t -> t.launchTemplateName("tpl").version("1")));
            await("the loop, still running, to launch the group's instance", WAIT, () -> autoScaling.describeAutoScalingGroups(
                    b -> b.autoScalingGroupNames("g")).autoScalingGroups().get(0).instances().size() == 1);
        }
    }

    /** A machine that cannot boot: the instance still settles in running, as on AWS, with the reason and a log line. */
    @Test
    void aTransitionWhoseMachineFailsSettlesWithAReason() throws Exception {
        try (Sandbox sandbox = SandboxTesting.startFast(stateDir); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            Files.writeString(stateDir.resolve("sandbox/instances"), "not a folder: no instance can have a disk");
            String id = ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO).minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            await(id + " settled", WAIT, () -> !"pending".equals(describe(ec2, id).state().nameAsString()));
            Instance settled = describe(ec2, id);
            assertEquals("running", settled.state().nameAsString());
            assertEquals("Server.InternalError", settled.stateReason().code());
            assertTrue(settled.stateReason().message().contains("Exception"), settled.stateReason().message());
            assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains(id + ": pending to running failed on its machine")),
                    logged.toString());
            assertTrue(ec2.describeKeyPairs().hasKeyPairs(), "the sandbox goes on answering");
        }
    }

    @Test
    void processesLeftByAnEarlierSandboxAreEndedAndNoOthers() throws Exception {
        String marker = OrphanSweep.marker(stateDir.resolve("sandbox"));
        ProcessBuilder orphanBuilder = new ProcessBuilder("/bin/sh", "-c", "sleep 120");
        orphanBuilder.environment().put(OrphanSweep.VARIABLE, marker);
        Process orphan = orphanBuilder.start();
        ProcessBuilder strangerBuilder = new ProcessBuilder("/bin/sh", "-c", "sleep 120");
        strangerBuilder.environment().put(OrphanSweep.VARIABLE, marker + "-another");
        Process stranger = strangerBuilder.start();
        try (Sandbox sandbox = SandboxTesting.startFast(stateDir)) {
            await("the orphan ended", WAIT, () -> !orphan.isAlive());
            assertTrue(stranger.isAlive(), "another sandbox's process is not this one's to end");
        } finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void oneSandboxPerStateDirectory() throws Exception {
        try (Sandbox first = SandboxTesting.startFast(stateDir)) {
            assertThrows(Sandbox.Busy.class, () -> SandboxTesting.startFast(stateDir));
            assertThrows(Sandbox.Busy.class, () -> Sandbox.reset(stateDir), "never pull the floor from under a running sandbox");
        }
        Sandbox.reset(stateDir);
        assertTrue(Files.notExists(stateDir.resolve("sandbox")));
    }

    @Test
    void itsStateIsTheOwnersOnly() throws Exception {
        try (Sandbox sandbox = Sandbox.start(kept()); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            ec2.createSecurityGroup(b -> b.groupName("web").description("web"));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("sandbox/state.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("sandbox"))));
    }

    private long failedPasses(String loop) {
        return logged.stream().filter(r -> r.getMessage().contains("the sandbox's " + loop + " loop failed a pass; it goes on")).count();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
