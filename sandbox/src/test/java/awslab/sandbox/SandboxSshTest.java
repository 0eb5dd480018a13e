package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * SSH into a sandbox instance feels like the lab's Ubuntu (issue 10, item 7): the prompt, the
 * host name, a login message in the client's language saying where the web service listens,
 * and the lab's look-around commands, which work or say plainly why not.
 */
class SandboxSshTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;
    static Sandbox sandbox;
    static Ec2Client ec2;
    static Instance instance;
    static InetSocketAddress address;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxTesting.startFast(stateDir);
        ec2 = sandbox.configure(Ec2Client.builder()).build();
        String group = SandboxTesting.labGroup(ec2, "launch-wizard-1");
        String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey")
                .securityGroupIds(group).minCount(1).maxCount(1)).instances().get(0).instanceId();
        await(id + " running", WAIT, () -> describe(id).state().name() == InstanceStateName.RUNNING);
        instance = describe(id);
        address = sandbox.reachability().ssh(id, instance.publicIpAddress()).orElseThrow();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        sandbox.close();
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static String hostname() {
        return "ip-" + instance.privateIpAddress().replace('.', '-');
    }

    @Test
    void commandsRunWithTheInstancesNameAndAddresses() throws IOException {
        assertEquals(hostname(), ssh("hostname").trim());
        assertEquals("{\"Count\":0,\"Tasks\":[]}", ssh("curl -s localhost/task"), "port 80 of the instance is its web service");
        assertEquals(instance.instanceId(), ssh("curl -s http://169.254.169.254/latest/meta-data/instance-id"),
                "the metadata address reaches the instance's own metadata service");
        assertEquals("100", ssh("apt update 2>/dev/null; echo $?").trim());
        assertTrue(ssh("sudo apt update 2>&1").contains("sudo"), "sudo says why it does nothing");
        assertTrue(ssh("systemctl status awslab-webapp").contains("active (running)"));
    }

    @Test
    void theConsoleShowsTheHostKeyTheFirstConnectionPresents() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.security.PublicKey> presented = new java.util.concurrent.atomic.AtomicReference<>();
        try (SSHClient client = new SSHClient()) {
            client.addHostKeyVerifier(new net.schmizz.sshj.transport.verification.HostKeyVerifier() {
                @Override
                public boolean verify(String host, int port, java.security.PublicKey key) {
                    presented.set(key);
                    return true;
                }

                @Override
                public java.util.List<String> findExistingAlgorithms(String host, int port) {
                    return java.util.List.of();
                }
            });
            client.setConnectTimeout(5000);
            client.connect(address.getHostString(), address.getPort());
        }
        byte[] blob = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(presented.get()).getCompactData();
        String fingerprint = "SHA256:" + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(blob));
        String console = new String(java.util.Base64.getDecoder().decode(
                ec2.getConsoleOutput(b -> b.instanceId(instance.instanceId())).output()), StandardCharsets.UTF_8);
        assertTrue(console.contains("-----BEGIN SSH HOST KEY FINGERPRINTS-----"), console);
        assertTrue(console.contains(fingerprint + " root@" + hostname()), fingerprint + " in\n" + console);
    }

    @Test
    void anInteractiveSessionHasTheLabsPromptAndSpeaksTheStudentsLanguage() throws Exception {
        try (SSHClient client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setConnectTimeout(5000);
            client.connect(address.getHostString(), address.getPort());
            client.authPublickey("ubuntu", client.loadKeys(sandbox.labKeyFile().toString()));
            try (Session session = client.startSession()) {
                session.setEnvVar("LANG", "fr_FR.UTF-8");
                session.allocatePTY("xterm", 100, 30, 0, 0, java.util.Map.of());
                Session.Shell shell = session.startShell();
                StringBuilder seen = SandboxTesting.collect(shell.getInputStream());
                awaitSeen("the French login message and the prompt", seen, t -> t.contains("Bienvenue")
                        && t.contains("ubuntu@" + hostname() + ":~$ "));
                String port = String.valueOf(sandbox.reachability().webService(instance.instanceId(), instance.publicIpAddress())
                        .orElseThrow().getPort());
                assertTrue(text(seen).contains("http://127.0.0.1:" + port + "/"), "the login message says where the web service listens");
                OutputStream in = shell.getOutputStream();
                in.write("mkdir notes && cd notes\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                awaitSeen("the prompt to follow the folder", seen, t -> t.contains(":~/notes$ "));
                in.write("stty size\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                awaitSeen("the terminal to have the client's size", seen, t -> t.contains("30 100"));
                shell.changeWindowDimensions(120, 40, 0, 0);
                in.write("stty size\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                awaitSeen("the terminal to follow the client's window", seen, t -> t.contains("40 120"));
                in.write("exit\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                shell.join(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitSeen(String what, StringBuilder seen, java.util.function.Predicate<String> condition) {
        try {
            await(what, WAIT, () -> condition.test(text(seen)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the terminal showed:\n" + text(seen), e);
        }
    }

    /** What the terminal shows, colours and terminal modes left out. */
    private static String text(StringBuilder seen) {
        synchronized (seen) {
            return seen.toString().replaceAll("\u001B\\[[0-9;?]*[a-zA-Z]", "").replace("\r", "");
        }
    }

    private static String ssh(String command) throws IOException {
        return SandboxInstancesTest.ssh(sandbox, address, command);
    }
}
