package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.api.ShellContext;
import awslab.lab.LabNames;
import awslab.lab.LabTags;
import awslab.api.Reachability;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The ssh command on Moto, its instance's SSH address pointed at a real local SSH server. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshCommandTest {
    @TempDir
    Path dir;

    private TestSshServer server;
    private TestShellContext ctx;
    private Ec2Client ec2;
    private String instanceId;

    @BeforeEach
    void setUp() {
        MotoServer.get().reset();
        server = TestSshServer.start(dir);
        ctx = TestShellContext.onMoto(dir.resolve("state"));
        ec2 = ctx.clients().ec2();
        ec2.importKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR).publicKeyMaterial(
                software.amazon.awssdk.core.SdkBytes.fromUtf8String(server.publicKeyOpenSsh())));
        instanceId = launch("web");
        ctx.reachability(to(instanceId, server.address()));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    @Test
    void runsOneCommandOnTheNamedInstanceAndReturnsItsExitCode() {
        int code = call(new SshCommand(), "--key", server.privateKey().toString(), "web", "--", "echo", "hi", "from", "$HOME;", "exit", "4");
        assertEquals(4, code);
        assertTrue(ctx.output().contains("hi from " + server.home()), ctx.output());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.startsWith("First connection to " + instanceId)), ctx.steps().toString());
        assertEquals(0, TestShellContext.run(ctx, new SshCommand(), "--key", server.privateKey().toString(), instanceId, "--", "true"),
                "by id, through picocli as the shell runs it");
    }

    @Test
    void withoutAnInstanceUsesTheNewestRunningLabInstance() {
        assertEquals(0, call(new SshCommand(), "--key", server.privateKey().toString(), "--", "true"));
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains(instanceId)), ctx.steps().toString());
    }

    @Test
    void onAnEmulatorSaysAtOnceThatSshIsNotPossible() {
        ctx.reachability(Reachability.NONE);
        UserException e = assertThrows(UserException.class, () -> call(new SshCommand(), "web", "--", "true"));
        assertEquals("err.ssh.notReachable", e.key());
    }

    @Test
    void anInteractiveSessionNeedsATerminal() {
        UserException e = assertThrows(UserException.class, () -> call(new SshCommand(), "--key", server.privateKey().toString(), "web"));
        assertEquals("err.ssh.noTerminal", e.key());
        assertTrue(ctx.messages().get(e.key(), e.args()).contains("ssh " + instanceId + " -- uname -a"));
    }

    @Test
    void explainsInstancesThatCannotBeReached() {
        ec2.stopInstances(r -> r.instanceIds(instanceId));
        UserException stopped = assertThrows(UserException.class, () -> call(new SshCommand(), instanceId, "--", "true"));
        assertEquals("err.ssh.instance.notRunning", stopped.key());
        assertEquals("err.ssh.instance.notFound",
                assertThrows(UserException.class, () -> call(new SshCommand(), "nope", "--", "true")).key());
        assertEquals("err.ssh.instance.notFound",
                assertThrows(UserException.class, () -> call(new SshCommand(), "i-0123456789abcdef0", "--", "true")).key());
        assertEquals("err.ssh.instance.none",
                assertThrows(UserException.class, () -> call(new SshCommand(), "--", "true")).key());
        ec2.terminateInstances(r -> r.instanceIds(instanceId));
        assertEquals("err.ssh.instance.terminated",
                assertThrows(UserException.class, () -> call(new SshCommand(), instanceId, "--", "true")).key());
    }

    @Test
    void aWrongKeyNamesTheKeyPairTheInstanceWasLaunchedWith() {
        Path wrong = TestSshServer.otherKey(dir.resolve("other.pem"));
        UserException e = assertThrows(UserException.class, () -> call(new SshCommand(), "--key", wrong.toString(), "web", "--", "true"));
        assertEquals("err.ssh.auth.keyPair", e.key());
        String text = ctx.messages().get(e.key(), e.args());
        assertTrue(text.contains("key pair vockey") && text.contains(wrong.toString()), text);
    }

    @Test
    void aRefusedConnectionJustAfterLaunchIsExplainedAsBooting() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ctx.reachability(to(instanceId, new InetSocketAddress("127.0.0.1", closed)));
        UserException e = assertThrows(UserException.class,
                () -> call(new SshCommand(), "--key", server.privateKey().toString(), "web", "--", "true"));
        assertEquals("err.ssh.booting", e.key());
        assertEquals(instanceId, e.args()[0]);
    }

    @Test
    void aKeyOthersCanReadIsRefusedOrFixedWhenTheUserAgrees() throws IOException {
        Path loose = Files.copy(server.privateKey(), dir.resolve("loose.pem"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        UserException e = assertThrows(UserException.class, () -> call(new SshCommand(), "--key", loose.toString(), "web", "--", "true"));
        assertEquals("err.ssh.key.tooOpen", e.key());
        assertTrue(ctx.messages().get(e.key(), e.args()).contains("chmod 400 " + loose), ctx.messages().get(e.key(), e.args()));

        ctx.answerConfirmations(true);
        assertEquals(0, call(new SshCommand(), "--key", loose.toString(), "web", "--", "true"));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)));
    }

    @Test
    void forgetsAHostKeySoTheNextConnectionLearnsItAgain() {
        assertEquals(0, call(new SshCommand(), "--key", server.privateKey().toString(), "web", "--", "true"));
        assertEquals(0, call(new SshCommand(), "--forget-host-key", "web"));
        assertTrue(ctx.output().contains("The host key of " + instanceId + " is forgotten"), ctx.output());
        assertTrue(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")).knownFingerprint(instanceId).isEmpty());
    }

    @Test
    void atATerminalANewHostKeyIsShownAndRefusingItConnectsNothing() throws Exception {
        try (Terminal terminal = TerminalBuilder.builder().system(false)
                .streams(new PipedInputStream(new PipedOutputStream(), 8192), new ByteArrayOutputStream()).type("xterm").build()) {
            SshCommand command = new SshCommand();
            command.context(withTerminal(ctx, terminal));
            new CommandLine(command).parseArgs("--key", server.privateKey().toString(), "web", "--", "true");
            UserException e = assertThrows(UserException.class, command::call);
            assertEquals("err.ssh.hostKey.declined", e.key());
            assertTrue(ctx.output().contains("SHA256:"), "the question shows the key's fingerprint: " + ctx.output());
            assertTrue(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")).knownFingerprint(instanceId).isEmpty(),
                    "a refused key is not remembered");
        }
    }

    @Test
    void opensAnInteractiveSessionOnTheShellsTerminal() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keyboard, 8192), screen)
                .type("xterm").size(new Size(100, 30)).build()) {
            ctx.answerConfirmations(true); // yes to "Are you sure you want to continue connecting?"
            ShellContext withTerminal = withTerminal(ctx, terminal);
            keyboard.write("echo interactive $TERM; exit 2\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            SshCommand command = new SshCommand();
            command.context(withTerminal);
            new CommandLine(command).parseArgs("--key", server.privateKey().toString(), "web");
            assertEquals(2, command.call());
            assertTrue(screen.toString(StandardCharsets.UTF_8).contains("interactive xterm"), screen.toString(StandardCharsets.UTF_8));
            assertTrue(ctx.steps().stream().anyMatch(s -> s.startsWith("Session with ubuntu@127.0.0.1")), ctx.steps().toString());
        }
    }

    /** The test context, with an interactive terminal as the shell has. */
    private static ShellContext withTerminal(TestShellContext ctx, Terminal terminal) {
        return new ShellContext() {
            @Override public awslab.i18n.Messages messages() { return ctx.messages(); }
            @Override public java.io.PrintWriter out() { return ctx.out(); }
            @Override public awslab.api.AwsClients clients() { return ctx.clients(); }
            @Override public Reachability reachability() { return ctx.reachability(); }
            @Override public Path stateDir() { return ctx.stateDir(); }
            @Override public awslab.state.StateFiles files() { return ctx.files(); }
            @Override public awslab.api.Progress progress() { return ctx.progress(); }
            @Override public boolean confirm(String key, Object... args) { return ctx.confirm(key, args); }
            @Override public Optional<Terminal> terminal() { return Optional.of(terminal); }
        };
    }

    /** Parses like the shell and calls the command directly, so a UserException reaches the test. */
    private int call(SshCommand command, String... args) {
        command.context(ctx);
        new CommandLine(command).parseArgs(args);
        try {
            return command.call();
        } catch (UserException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String launch(String name) {
        return ec2.runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType(InstanceType.T2_MICRO)
                        .keyName(LabNames.LAB_KEY_PAIR).minCount(1).maxCount(1)
                        .tagSpecifications(LabTags.ec2Spec(ResourceType.INSTANCE, name, "part1")))
                .instances().get(0).instanceId();
    }

    /** Reaches only {@code id}, at {@code address}; nothing else. */
    static Reachability to(String id, InetSocketAddress address) {
        return new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return id.equals(instanceId) ? Optional.of(address) : Optional.empty();
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return Optional.empty();
            }
        };
    }
}
