package awslab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.shell.InvertedShell;
import org.apache.sshd.server.shell.InvertedShellWrapper;
import org.apache.sshd.server.shell.TtyFilterInputStream;
import org.apache.sshd.server.shell.TtyFilterOutputStream;

/**
 * One instance's SSH server on a loopback port: user {@code ubuntu}, public-key authentication
 * with the instance's key pair, and the instance's shell ({@link InstanceShell}: bash in a real
 * terminal with the lab's Ubuntu prompt and a login message in the language the client sent in
 * {@code LANG}; commands run by bash or {@code /bin/sh}; {@code cmd.exe} on Windows) whose
 * working directory and {@code HOME} are the instance's own home. Every process it starts
 * is remembered, and so is its session id (each runs in a session of its own where {@code setsid}
 * exists), so that what a command leaves running in the background ({@code nohup … &}, as
 * {@code burn-cpu} does) still counts in the instance's CPU and ends when it stops.
 *
 * <pre>
 * InstanceSsh ssh = InstanceSsh.start(shell, hostKeyFile, () -> vockeyPublicKey, () -> login, processes, sessions, reaper);
 * </pre>
 */
final class InstanceSsh implements AutoCloseable {
    static final String USER = "ubuntu";

    private final SshServer server;

    private InstanceSsh(SshServer server) {
        this.server = server;
    }

    static InstanceSsh start(InstanceShell shell, Path hostKey, Supplier<PublicKey> authorizedKey,
            Supplier<InstanceShell.Login> login, Set<Process> processes, Set<Long> sessions, ProcessReaper reaper)
            throws IOException {
        Files.createDirectories(shell.home());
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            PublicKey allowed = authorizedKey.get();
            return USER.equals(user) && allowed != null && KeyUtils.compareKeys(allowed, key);
        });
        server.setShellFactory(channel -> new InvertedShellWrapper(
                new Shell(shell, login, reaper.wrap(shell.interactive()), true, processes, sessions, reaper)));
        server.setCommandFactory((channel, command) -> new InvertedShellWrapper(
                new Shell(shell, login, reaper.wrap(InstanceShell.exec(command)), false, processes, sessions, reaper)));
        server.start();
        return new InstanceSsh(server);
    }

    int port() {
        return server.getPort();
    }

    /**
     * The host keys' fingerprints as OpenSSH prints them ({@code 521 SHA256:… (ECDSA)}): what a
     * real instance writes on its console at first boot, so a student can check what ssh shows.
     */
    List<String> hostKeyFingerprints(String hostname) {
        List<String> lines = new java.util.ArrayList<>();
        try {
            for (java.security.KeyPair pair : server.getKeyPairProvider().loadKeys(null)) {
                PublicKey key = pair.getPublic();
                String type = KeyUtils.getKeyType(key);
                String name = type.startsWith("ecdsa") ? "ECDSA" : type.equals("ssh-ed25519") ? "ED25519" : "RSA";
                lines.add(KeyUtils.getKeySize(key) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, key) + " root@" + hostname
                        + " (" + name + ")");
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            // no key yet: nothing to show
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // the server is going away either way
        }
    }

    /**
     * A process's output with a text before it (the login message). Unlike SequenceInputStream,
     * its {@code available()} moves on to the process once the text is read: MINA's relay only
     * reads what is available.
     */
    private static final class Prefixed extends InputStream {
        private final byte[] prefix;
        private final InputStream rest;
        private int position;

        Prefixed(byte[] prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return position < prefix.length ? prefix[position++] & 0xff : rest.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position < prefix.length) {
                int n = Math.min(length, prefix.length - position);
                System.arraycopy(prefix, position, buffer, offset, n);
                position += n;
                return n;
            }
            return rest.read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            return position < prefix.length ? prefix.length - position : rest.available();
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    /** A shell process in the instance's home, with the terminal modes the client asked for. */
    private static final class Shell implements InvertedShell {
        private final InstanceShell shell;
        private final Supplier<InstanceShell.Login> login;
        private final List<String> command;
        private final boolean interactive;
        private final Set<Process> processes;
        private final Set<Long> sessions;
        private final ProcessReaper reaper;
        private ServerSession session;
        private ChannelSession channel;
        private Process process;
        private OutputStream in;
        private InputStream out;
        private InputStream err;

        Shell(InstanceShell shell, Supplier<InstanceShell.Login> login, List<String> command, boolean interactive,
                Set<Process> processes, Set<Long> sessions, ProcessReaper reaper) {
            this.shell = shell;
            this.login = login;
            this.command = command;
            this.interactive = interactive;
            this.processes = processes;
            this.sessions = sessions;
            this.reaper = reaper;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            this.channel = channel;
            ProcessBuilder builder = new ProcessBuilder(command).directory(shell.home().toFile());
            Map<String, String> environment = builder.environment();
            environment.putAll(env.getEnv());
            // awslab's ssh sends the shell's language as LC_AWSLAB_LANG; OpenSSH sends the student's LANG
            SandboxTexts texts = SandboxTexts.forLang(env.getEnv().getOrDefault("LC_AWSLAB_LANG", env.getEnv().get("LANG")));
            InstanceShell.Login instance = login.get();
            environment.putAll(shell.environment(instance, texts));
            environment.remove("AWS_ACCESS_KEY_ID");
            environment.remove("AWS_SECRET_ACCESS_KEY");
            environment.remove("AWS_SESSION_TOKEN");
            process = builder.start();
            processes.add(process);
            Process started = process;
            reaper.watch(started.pid());
            if (reaper.separatesSessions()) {
                // its background jobs outlive it in its session: the instance forgets the session once empty
                sessions.add(started.pid());
            }
            started.onExit().thenRun(() -> {
                processes.remove(started);
                if (!sessions.contains(started.pid())) {
                    reaper.forget(started.pid());
                }
            });
            // inside a real pseudo-terminal, the terminal itself translates line ends: no filtering twice
            boolean terminal = interactive && InstanceShell.inTerminal();
            Map<PtyMode, Integer> modes = terminal ? Map.of() : env.getPtyModes();
            if (terminal) {
                // the client's window changed size: so does the instance's terminal (full-screen programs and line editing follow)
                env.addSignalListener((signalled, signal) -> resize(started, env.getEnv()), Signal.WINCH);
            }
            InputStream output = process.getInputStream();
            if (interactive) {
                String motd = InstanceShell.motd(instance, texts, terminal || !env.getPtyModes().isEmpty() ? "\r\n" : "\n");
                output = new Prefixed(motd.getBytes(StandardCharsets.UTF_8), output);
            }
            out = new TtyFilterInputStream(output, modes);
            err = new TtyFilterInputStream(process.getErrorStream(), modes);
            in = new TtyFilterOutputStream(process.getOutputStream(), modes);
        }

        /** Gives the session's pseudo-terminal the client's size ({@code stty -F}); the kernel tells its programs (SIGWINCH). */
        private static void resize(Process session, Map<String, String> env) {
            String columns = env.get(Environment.ENV_COLUMNS);
            String lines = env.get(Environment.ENV_LINES);
            if (columns == null || lines == null || !columns.matches("\\d{1,4}") || !lines.matches("\\d{1,4}")) {
                return;
            }
            session.descendants().map(p -> terminalOf(p.pid())).filter(t -> t != null).findFirst().ifPresent(tty -> {
                try {
                    new ProcessBuilder("stty", "-F", tty, "cols", columns, "rows", lines).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (IOException e) {
                    // no stty: the size stays as it was
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** The pseudo-terminal a process reads ({@code /dev/pts/N}), or null. */
        private static String terminalOf(long pid) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "fd", "0")).toString();
                return target.startsWith("/dev/pts/") ? target : null;
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        @Override
        public OutputStream getInputStream() {
            return in;
        }

        @Override
        public InputStream getOutputStream() {
            return out;
        }

        @Override
        public InputStream getErrorStream() {
            return err;
        }

        @Override
        public boolean isAlive() {
            return process != null && process.isAlive();
        }

        @Override
        public int exitValue() {
            try {
                // asked as soon as the streams end, which may be a moment before the process is reaped
                return process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) ? process.exitValue() : 255;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 255;
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        @Override
        public ServerSession getServerSession() {
            return session;
        }

        @Override
        public void setSession(ServerSession session) {
            this.session = session;
        }

        @Override
        public ChannelSession getServerChannelSession() {
            return channel;
        }
    }
}
