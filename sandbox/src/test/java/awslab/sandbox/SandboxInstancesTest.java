package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static awslab.sandbox.SandboxTesting.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Part 1 of the lab against the sandbox, through the real SDK: one instance's whole life, over HTTP and SSH. */
class SandboxInstancesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;
    static Sandbox sandbox;
    static Ec2Client ec2;
    static String webGroup;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxTesting.startFast(stateDir);
        ec2 = sandbox.configure(Ec2Client.builder()).build();
        webGroup = SandboxTesting.labGroup(ec2, "launch-wizard-1");
    }

    @AfterAll
    static void stop() {
        List<ProcessHandle> processes = sandbox.processes();
        ec2.close();
        sandbox.close();
        await("every instance process to end", Duration.ofSeconds(10), () -> processes.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(sandbox.processes().isEmpty());
    }

    @Test
    void anInstanceLivesAsOnAwsAndAnswersOverHttpAndSsh() throws Exception {
        String image = ec2.describeImages(b -> b.owners("099720109477")
                .filters(f -> f.name("name").values("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"))).images().get(0).imageId();
        Instance launched = ec2.runInstances(b -> b.imageId(image).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                .securityGroupIds(webGroup).minCount(1).maxCount(1).tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("web").build()).build())).instances().get(0);
        String id = launched.instanceId();
        assertEquals(InstanceStateName.PENDING, launched.state().name());

        Instance running = awaitState(id, InstanceStateName.RUNNING);
        String ip = running.publicIpAddress();
        assertNotNull(ip);
        assertTrue(ip.startsWith("203.0.113.") || ip.startsWith("198.51.100."), ip);
        assertEquals("web", ec2.describeInstances(b -> b.filters(f -> f.name("tag:Name").values("web"))).reservations().get(0)
                .instances().get(0).tags().stream().filter(t -> t.key().equals("Name")).findFirst().orElseThrow().value());

        URI web = sandbox.reachability().webService(id, ip).orElseThrow();
        assertEquals("127.0.0.1", web.getHost());
        assertEquals("{\"instanceId\":\"" + id + "\"}", get(web.resolve("/instance")));

        InetSocketAddress sshAddress = sandbox.reachability().ssh(id, ip).orElseThrow();
        Path home = stateDir.resolve("sandbox/instances/" + id + "/home");
        assertEquals(home.toRealPath().toString(), ssh(sshAddress, "pwd").trim());
        assertEquals("hello", ssh(sshAddress, "echo hello > note.txt && cat note.txt").trim());
        assertEquals("hello\n", Files.readString(home.resolve("note.txt"), StandardCharsets.UTF_8));

        ec2.stopInstances(b -> b.instanceIds(id));
        Instance stopped = awaitState(id, InstanceStateName.STOPPED);
        assertNull(stopped.publicIpAddress());
        assertNull(get(web.resolve("/instance")), "the web service must be down while stopped");
        assertTrue(sandbox.reachability().webService(id, ip).isEmpty());

        ec2.startInstances(b -> b.instanceIds(id));
        Instance restarted = awaitState(id, InstanceStateName.RUNNING);
        String newIp = restarted.publicIpAddress();
        assertNotNull(newIp);
        assertNotEquals(ip, newIp, "start gives a new public address");
        URI webAgain = sandbox.reachability().webService(id, newIp).orElseThrow();
        await("the web service after start", WAIT, () -> get(webAgain.resolve("/instance")) != null);

        long before = sandbox.webPid(id);
        assertNotEquals(0, before);
        assertNotEquals(processGroup(ProcessHandle.current().pid()), processGroup(before),
                "instances live outside the terminal's process group: a Ctrl-C at the prompt must not kill them");
        ec2.rebootInstances(b -> b.instanceIds(id));
        await("the web service to restart on reboot", WAIT,
                () -> sandbox.webPid(id) != before && sandbox.webPid(id) != 0 && get(webAgain.resolve("/health")) != null);
        assertEquals(newIp, describe(id).publicIpAddress(), "reboot keeps the address");

        ec2.terminateInstances(b -> b.instanceIds(id));
        awaitState(id, InstanceStateName.TERMINATED);
        assertNull(get(webAgain.resolve("/health")));
        assertTrue(Files.notExists(home), "a terminated instance's disk is gone");
    }

    @Test
    void keyPairsSecurityGroupsAndErrorsSpeakAws() {
        assertEquals(List.of("vockey"), ec2.describeKeyPairs().keyPairs().stream().map(k -> k.keyName()).toList());
        assertTrue(Files.isRegularFile(sandbox.labKeyFile()));
        Ec2Exception missing = assertThrows(Ec2Exception.class, () -> ec2.describeInstances(b -> b.instanceIds("i-0000000000000dead")));
        assertEquals("InvalidInstanceID.NotFound", missing.awsErrorDetails().errorCode());
        Ec2Exception unsupported = assertThrows(Ec2Exception.class, () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")));
        assertEquals("InvalidAction", unsupported.awsErrorDetails().errorCode());
        assertTrue(unsupported.awsErrorDetails().errorMessage().contains("CreateVpc"));

        String group = ec2.createSecurityGroup(b -> b.groupName("awslab-web").description("web <&> ssh")).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        var described = ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0);
        assertEquals("web <&> ssh", described.description());
        assertEquals(80, described.ipPermissions().get(0).fromPort());
        Ec2Exception duplicate = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(group)
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(r -> r.cidrIp("0.0.0.0/0")))));
        assertEquals("InvalidPermission.Duplicate", duplicate.awsErrorDetails().errorCode());
        ec2.deleteSecurityGroup(b -> b.groupId(group));

        assertEquals(3, ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true"))).subnets().size());
        try (StsClient sts = sandbox.configure(StsClient.builder()).build();
                SsmClient ssm = sandbox.configure(SsmClient.builder()).build()) {
            assertEquals(Sandbox.ACCOUNT, sts.getCallerIdentity().account());
            assertEquals(CloudState.IMAGE_ID, ssm.getParameter(b -> b.name(SsmApi.UBUNTU_PARAMETER)).parameter().value());
        }
    }

    @Test
    void anInteractiveSessionEchoesAndCtrlCStopsACpuLoop() throws Exception {
        String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                .securityGroupIds(webGroup).minCount(1).maxCount(1)).instances().get(0).instanceId();
        String ip = awaitState(id, InstanceStateName.RUNNING).publicIpAddress();
        InetSocketAddress address = sandbox.reachability().ssh(id, ip).orElseThrow();
        try (SSHClient client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setConnectTimeout(5000);
            client.setTimeout(30000);
            client.connect(address.getHostString(), address.getPort());
            client.authPublickey("ubuntu", client.loadKeys(sandbox.labKeyFile().toString()));
            try (Session session = client.startSession()) {
                session.allocateDefaultPTY();
                Session.Shell shell = session.startShell();
                var in = shell.getOutputStream();
                StringBuilder seen = SandboxTesting.collect(shell.getInputStream());
                in.write("while : ; do : ; done\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                await("the loop to burn CPU", WAIT, () -> sandbox.instanceCpu(id).orElse(0) > 50);
                in.write(3); // Ctrl-C
                in.write("echo after-$((40+2))\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                await("the shell to answer after Ctrl-C", WAIT, () -> {
                    synchronized (seen) {
                        return seen.toString().contains("after-42");
                    }
                });
                await("the CPU to calm down", WAIT, () -> sandbox.instanceCpu(id).orElse(100) < 50);
            }
        }
        ec2.terminateInstances(b -> b.instanceIds(id));
    }

    @Test
    void theLearnerLabCapIsKept() {
        Ec2Exception refused = assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID)
                .instanceType(InstanceType.T2_MICRO).minCount(10).maxCount(10)));
        assertEquals("InstanceLimitExceeded", refused.awsErrorDetails().errorCode());
    }

    /** The process group of a process (Linux: field 5 of /proc/PID/stat). */
    private static String processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
    }

    static String ssh(InetSocketAddress address, String command) throws IOException {
        return ssh(sandbox, address, command);
    }

    static String ssh(Sandbox sandbox, InetSocketAddress address, String command) throws IOException {
        try (SSHClient client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setConnectTimeout(5000);
            client.setTimeout(30000);
            client.connect(address.getHostString(), address.getPort());
            client.authPublickey("ubuntu", client.loadKeys(sandbox.labKeyFile().toString()));
            try (Session session = client.startSession()) {
                Session.Command run = session.exec(command);
                String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                run.join(60, TimeUnit.SECONDS);
                return out;
            }
        }
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static Instance awaitState(String id, InstanceStateName state) {
        await(id + " to be " + state, WAIT, () -> describe(id).state().name() == state);
        return describe(id);
    }
}
