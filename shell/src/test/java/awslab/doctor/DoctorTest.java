package awslab.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.doctor.Doctor.Finding;
import awslab.doctor.Doctor.Outcome;
import awslab.i18n.Language;
import awslab.lab.LabMoto;
import awslab.reach.PortProbe;
import awslab.ssh.KeyLocator;
import awslab.target.Target;
import awslab.target.Targets;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import awslab.testing.SilentPort;
import awslab.testing.TestShellContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight against Moto through a {@link FaultProxy} (which records every call, so the test
 * sees that nothing is created), with key files in a temporary home and the SSH probe pointed
 * at servers on 127.0.0.1: open, refusing, and silent as a firewall is.
 */
class DoctorTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path home;

    private FaultProxy proxy;
    private AwsClients clients;
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void proxyInFrontOfMoto() {
        MotoServer.get().reset();
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }

    private KeyLocator keys() {
        return new KeyLocator(home.resolve("work"), home, home.resolve("state"));
    }

    private Path keyFile(String permissions) throws IOException {
        Path pem = home.resolve("Downloads").resolve("labsuser.pem");
        Files.createDirectories(pem.getParent());
        Files.writeString(pem, "-----BEGIN RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString(permissions));
        return pem;
    }

    private List<Finding> run(boolean onAws, Optional<Instant> connectedAt, Optional<PortProbe> probe) {
        Doctor.Setup setup = new Doctor.Setup(onAws, "us-east-1", connectedAt, Optional.empty(), keys(), probe,
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new Doctor(clients, setup).run(f -> said.add(f.key()));
    }

    private static Finding find(List<Finding> findings, String keyPrefix) {
        return findings.stream().filter(f -> f.key().startsWith(keyPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(keyPrefix + " not in " + findings));
    }

    @Test
    void aReadyAccountPassesEveryCheckAndNothingIsCreated() throws Exception {
        LabMoto.importVockey(clients.ec2());
        keyFile("rw-------");
        int before = proxy.requests().size();
        try (ServerSocket sshServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Finding> findings = run(true, Optional.of(NOW.minus(Duration.ofMinutes(30))),
                    Optional.of(new PortProbe("127.0.0.1", sshServer.getLocalPort())));
            assertTrue(findings.stream().noneMatch(f -> f.outcome() == Outcome.FAIL), findings.toString());
            assertEquals(Outcome.OK, find(findings, "msg.doctor.ssh.open").outcome());
            assertEquals(List.of(30L, 210L, 4), find(findings, "msg.doctor.lifetime.connected").args());
            assertEquals("msg.doctor.account.other", find(findings, "msg.doctor.account").key(), "Moto's caller is no Learner Lab");
            find(findings, "msg.doctor.vpc.ok");
            find(findings, "msg.doctor.image.ok");
            find(findings, "msg.doctor.cap.ok");
            find(findings, "msg.doctor.keyFile.ok");
            find(findings, "msg.doctor.profile.none");
        }
        for (FaultProxy.Request request : proxy.requests().subList(before, proxy.requests().size())) {
            String op = request.operation();
            assertTrue(op.startsWith("Describe") || op.startsWith("Get")
                    || op.equals("RunInstances") && "true".equals(request.params().get("DryRun")), "costs nothing: " + request);
        }
        assertEquals(0, clients.ec2().describeInstances().reservations().size());
    }

    @Test
    void whatMustBeFixedSaysHow() throws Exception {
        keyFile("rw-r--r--");
        clients.ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro").minCount(5).maxCount(5));
        int refusing;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = closed.getLocalPort();
        }
        List<Finding> findings = run(true, Optional.of(NOW.minus(Duration.ofMinutes(200))),
                Optional.of(new PortProbe("127.0.0.1", refusing)));
        assertEquals(Outcome.FAIL, find(findings, "msg.doctor.vockey.missing").outcome());
        assertEquals(Outcome.FAIL, find(findings, "msg.doctor.keyFile.open").outcome());
        assertEquals(List.of(5, 9, 5), find(findings, "msg.doctor.cap.full").args());
        assertEquals(Outcome.FAIL, find(findings, "msg.doctor.lifetime.short").outcome());
        assertEquals(Outcome.FAIL, find(findings, "msg.doctor.ssh.refused").outcome());
    }

    @Test
    void aNetworkThatDropsPort22IsCalledBlocked() throws Exception {
        try (SilentPort silent = SilentPort.open()) {
            PortProbe probe = new PortProbe("127.0.0.1", silent.port());
            assertEquals(PortProbe.Result.SILENT, probe.probe(Duration.ofMillis(500)));
            List<Finding> findings = run(true, Optional.empty(), Optional.of(probe));
            Finding blocked = find(findings, "msg.doctor.ssh.blocked");
            assertEquals(Outcome.FAIL, blocked.outcome());
            String text = awslab.i18n.Messages.load(Language.FR).get(blocked.key(), blocked.args().toArray());
            assertTrue(text.contains("semble bloquer SSH"), text);
        }
    }

    @Test
    void expiredCredentialsAreOneFindingAndTheLocalChecksStillRun() throws Exception {
        keyFile("rw-------");
        proxy.always("GetCallerIdentity", Fault.EXPIRED_TOKEN);
        List<Finding> findings = run(true, Optional.empty(), Optional.empty());
        Finding credentials = find(findings, "msg.doctor.failed");
        assertEquals(Outcome.FAIL, credentials.outcome());
        assertEquals("err.aws.credentials.expired", ((Doctor.Text) credentials.args().get(1)).key());
        assertEquals(Outcome.NOT_CHECKED, find(findings, "msg.doctor.api.skipped").outcome());
        assertEquals(Outcome.NOT_CHECKED, find(findings, "msg.doctor.lifetime.unknown").outcome());
        find(findings, "msg.doctor.keyFile.ok");
        assertEquals(Outcome.NOT_CHECKED, find(findings, "msg.doctor.ssh.local").outcome());
    }

    @Test
    void theLearnerLabIsKnownByItsRole() {
        assertTrue(Doctor.isLearnerLab("arn:aws:sts::891432261928:assumed-role/voclabs/user4742512=Jarvis_D._Anderson"));
        assertFalse(Doctor.isLearnerLab("arn:aws:iam::123456789012:user/alice"));
        assertFalse(Doctor.isLearnerLab("arn:aws:sts::123456789012:assumed-role/voclabsX/me"));
    }

    @Test
    void theCommandPrintsEachCheckInTheUsersLanguageAndFailsWhenSomethingMustBeFixed() throws Exception {
        TestShellContext ctx = new TestShellContext(Language.FR, clients, home.resolve("state"));
        LabMoto.importVockey(clients.ec2());
        keyFile("rw-------");
        Targets targets = new Targets(home.resolve("state"), Map.of());
        Target target = Target.endpoint(proxy.endpoint(), "us-east-1");
        DoctorCommand doctor = new DoctorCommand(() -> target, targets, keys(), Map.of(), Clock.systemUTC());
        assertEquals(0, TestShellContext.run(ctx, doctor), ctx.output());
        String out = ctx.output();
        assertTrue(out.contains("rien n’est facturé"), out);
        assertTrue(out.contains("✔ Paire de clés vockey : présente dans us-east-1."), out);
        assertTrue(out.contains("– SSH vers l’extérieur (port 22) : pas essayé"), out);
        assertTrue(out.contains("– Profil d’instance : pas vérifié sur cette cible"), out);
        assertEquals(0, clients.ec2().describeInstances().reservations().size(), "nothing launched");
        assertTrue(out.contains("Prêt :"), out);

        TestShellContext en = new TestShellContext(Language.EN, clients, home.resolve("state"));
        DoctorCommand refused = new DoctorCommand(() -> target, targets, keys(), Map.of(), Clock.systemUTC());
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        assertEquals(1, TestShellContext.run(en, refused, "--ssh-probe", "127.0.0.1:" + closedPort), en.output());
        assertTrue(en.output().contains("✘ SSH out (port 22): 127.0.0.1:" + closedPort + " refused"), en.output());
        assertTrue(en.output().contains("To fix first: 1 ✘"), en.output());
    }

    /** With LANG unset (C), file names are ASCII: the key search must skip "Téléchargements", not crash. */
    @Test
    void runsOneShotWithLangUnset() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "awslab.Main", "--lang", "en", "--endpoint-url", MotoServer.get().endpoint().toString(), "doctor")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("AWSLAB_HOME", home.resolve("state").toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(out.contains("Unexpected error") || out.contains("InvalidPathException"), out);
        assertTrue(out.contains("Key file labsuser.pem: not found"), out);
        assertEquals(1, process.exitValue(), out);
    }
}
