package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** What outlives a sandbox (its saved resources, by choice) and what must not (its processes, even when killed). */
class SandboxStateTest {
    @TempDir
    Path stateDir;

    @Test
    void keptStateBringsInstancesBackWithTheirAddressesAndResetForgetsThem() throws Exception {
        SandboxConfig config = new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), true);
        String id;
        String ip;
        String pem;
        java.net.URI web;
        try (Sandbox sandbox = Sandbox.start(config); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            String group = SandboxTesting.labGroup(ec2, "web"); // HTTP open: its security group lets the test in
            id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey").securityGroupIds(group)
                    .minCount(1).maxCount(1)).instances().get(0).instanceId();
            ip = awaitRunning(ec2, id).publicIpAddress();
            web = sandbox.reachability().webService(id, ip).orElseThrow();
            pem = Files.readString(sandbox.labKeyFile());
        }
        assertTrue(Files.isRegularFile(stateDir.resolve("sandbox/state.json")));
        try (Sandbox sandbox = Sandbox.start(config); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            Instance back = describe(ec2, id);
            assertEquals("running", back.state().nameAsString(), "nobody stopped it: it never left running");
            assertEquals(ip, back.publicIpAddress(), "nobody stopped it: it keeps its public address");
            assertEquals(web, sandbox.reachability().webService(id, ip).orElseThrow(), "and its local address, where still free");
            await("its web service back", Duration.ofSeconds(60), () -> SandboxTesting.get(web.resolve("/health")) != null);
            assertEquals(pem, Files.readString(sandbox.labKeyFile()), "vockey stays the same key");
        }
        Sandbox.reset(stateDir);
        assertFalse(Files.exists(stateDir.resolve("sandbox")));
        try (Sandbox sandbox = Sandbox.start(config); Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            assertTrue(ec2.describeInstances().reservations().isEmpty());
            assertNotEquals(pem, Files.readString(sandbox.labKeyFile()), "a reset account has a new vockey");
        }
    }

    @Test
    void instancesDieWhenTheSandboxIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process shell = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxLifecycleMain.class.getName(),
                stateDir.toString()).redirectErrorStream(true).start();
        List<ProcessHandle> instances = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
            for (int lines = 0; lines < 200; lines++) {
                String line = out.readLine();
                if (line == null || line.equals("READY")) {
                    break;
                }
                if (line.startsWith("PID ")) {
                    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.substring(4)));
                    handle.ifPresent(instances::add);
                }
            }
            assertTrue(instances.size() >= 3, "the sandbox reported its web service, SSH session and loop: " + instances);
            assertTrue(instances.stream().allMatch(ProcessHandle::isAlive));
            shell.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
            await("the instance processes to die with their sandbox", Duration.ofSeconds(10),
                    () -> instances.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            shell.destroyForcibly();
            instances.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Instance awaitRunning(Ec2Client ec2, String id) {
        await(id + " running", Duration.ofSeconds(60), () -> "running".equals(describe(ec2, id).state().nameAsString()));
        return describe(ec2, id);
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
