package awslab.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.InvertedShell;
import org.apache.sshd.server.shell.ProcessShell;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A real SSH server for tests: Apache MINA SSHD in-process on 127.0.0.1 (port 0), accepting one
 * generated RSA key pair (its private key written as Learner Lab's {@code labsuser.pem} is:
 * PKCS#1 PEM, {@code BEGIN RSA PRIVATE KEY}), running commands and shells with the real
 * {@code /bin/sh}. {@code $HOME} of remote processes is a temporary directory, so background
 * jobs write their pid files there. Shell sessions record the environment the client asked for
 * (PTY type and size) and its window-change signals.
 *
 * <pre>
 * try (TestSshServer server = TestSshServer.start(tempDir)) {
 *     SshTarget target = server.target("i-0abc");
 *     sessions.run(target, server.privateKey(), "echo hi", Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final Path privateKey;
    private final PublicKey publicKey;
    private final Path home;
    private final List<Environment> shells = new CopyOnWriteArrayList<>();
    private final List<String> windowChanges = Collections.synchronizedList(new ArrayList<>());

    private TestSshServer(SshServer server, Path privateKey, PublicKey publicKey, Path home) {
        this.server = server;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.home = home;
    }

    /** Starts a server whose host key lives in {@code dir} (the same dir gives the same host key). */
    public static TestSshServer start(Path dir) {
        return start(dir, dir.resolve("host-key.ser"));
    }

    /** Starts a server with the host key in {@code hostKeyFile} (another file: another host key). */
    public static TestSshServer start(Path dir, Path hostKeyFile) {
        try {
            Path home = Files.createDirectories(dir.resolve("remote-home"));
            KeyPair userKey = rsaKeyPair();
            Path pem = writePem(dir.resolve("labsuser.pem"), userKey);
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
            PublicKey accepted = userKey.getPublic();
            sshd.setPublickeyAuthenticator((user, key, session) -> key.equals(accepted));
            TestSshServer server = new TestSshServer(sshd, pem, accepted, home);
            sshd.setShellFactory(server.new Shells());
            sshd.setCommandFactory((channel, command) -> server.new Commands(command).createShell(channel));
            sshd.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test SSH server on 127.0.0.1", e);
        }
    }

    /** A new RSA key pair as a PEM file that this server does not accept (a "wrong key"). */
    public static Path otherKey(Path file) {
        try {
            return writePem(file, rsaKeyPair());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    /** The accepted private key, {@code labsuser.pem} with mode 400. */
    public Path privateKey() {
        return privateKey;
    }

    /** The accepted public key as OpenSSH writes it ({@code ssh-rsa AAAA…}), e.g. for EC2 ImportKeyPair. */
    public String publicKeyOpenSsh() {
        byte[] wire = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(publicKey).getCompactData();
        return "ssh-rsa " + java.util.Base64.getEncoder().encodeToString(wire) + " awslab-test";
    }

    /** {@code $HOME} of the remote processes. */
    public Path home() {
        return home;
    }

    public SshTarget target(String instanceId) {
        return new SshTarget(instanceId, "127.0.0.1", server.getPort(), "ubuntu", "vockey");
    }

    /** The environments of the shell sessions opened so far (TERM, COLUMNS, LINES from the PTY request). */
    public List<Environment> shells() {
        return List.copyOf(shells);
    }

    /** {@code COLUMNSxLINES} each time a client's window-change arrived. */
    public List<String> windowChanges() {
        synchronized (windowChanges) {
            return List.copyOf(windowChanges);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(Path file, KeyPair pair) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(pair.getPrivate());
        }
        Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ));
        return file;
    }

    /** {@code /bin/sh -c COMMAND} for exec requests. */
    private final class Commands extends ProcessShellFactory {
        Commands(String command) {
            super("/bin/sh", "/bin/sh", "-c", command);
        }

        @Override
        protected InvertedShell createInvertedShell(ChannelSession channel) {
            return new HomeShell(getElements(), false);
        }
    }

    /** {@code /bin/sh} reading commands from the PTY for shell requests. */
    private final class Shells extends ProcessShellFactory {
        Shells() {
            super("/bin/sh", "/bin/sh");
        }

        @Override
        protected InvertedShell createInvertedShell(ChannelSession channel) {
            return new HomeShell(getElements(), true);
        }
    }

    private final class HomeShell extends ProcessShell {
        private final boolean interactive;

        HomeShell(List<String> command, boolean interactive) {
            super(command);
            this.interactive = interactive;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (interactive) {
                shells.add(env);
                env.addSignalListener((ch, signal) -> windowChanges.add(
                        env.getEnv().get(Environment.ENV_COLUMNS) + "x" + env.getEnv().get(Environment.ENV_LINES)),
                        org.apache.sshd.server.Signal.WINCH);
            }
            super.start(channel, env);
        }

        @Override
        protected Map<String, String> resolveShellEnvironment(Map<String, String> env) {
            Map<String, String> resolved = new java.util.HashMap<>(super.resolveShellEnvironment(env));
            resolved.put("HOME", home.toString());
            return resolved;
        }
    }
}
