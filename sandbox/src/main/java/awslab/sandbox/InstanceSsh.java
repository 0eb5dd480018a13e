package awslab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
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
 * with the instance's key pair, and a real {@code /bin/sh} (commands or an interactive shell;
 * {@code cmd.exe} on Windows)
 * whose working directory and {@code HOME} are the instance's own home. Every process it starts
 * is remembered, and so is its session id (each runs in a session of its own where {@code setsid}
 * exists), so that what a command leaves running in the background ({@code nohup … &}, as
 * {@code burn-cpu} does) still counts in the instance's CPU and ends when it stops.
 *
 * <pre>
 * InstanceSsh ssh = InstanceSsh.start(home, hostKeyFile, () -> vockeyPublicKey, processes, sessions, reaper, 0); // 0: any port
 * </pre>
 */
final class InstanceSsh implements AutoCloseable {
    static final String USER = "ubuntu";
    private static final String OS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    private static final boolean WINDOWS = OS.startsWith("windows");
    /**
     * The interactive shell. On Linux it runs inside a real pseudo-terminal ({@code script} from
     * util-linux), so typing echoes, and Ctrl-C interrupts a {@code while : ; do : ; done} loop
     * as the lab asks; elsewhere a plain {@code sh -i} over pipes.
     */
    static final List<String> INTERACTIVE = WINDOWS ? List.of("cmd.exe")
            : Files.isExecutable(Path.of("/usr/bin/script")) && OS.contains("linux")
            ? List.of("/usr/bin/script", "-q", "-f", "-c", "/bin/sh -i", "/dev/null")
            : List.of("/bin/sh", "-i");

    /** How a command line runs: {@code /bin/sh -c}, or {@code cmd.exe /c} on Windows (no POSIX shell there). */
    static List<String> exec(String command) {
        return WINDOWS ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
    }

    private final SshServer server;

    private InstanceSsh(SshServer server) {
        this.server = server;
    }

    static InstanceSsh start(Path home, Path hostKey, Supplier<PublicKey> authorizedKey, Set<Process> processes,
            Set<Long> sessions, ProcessReaper reaper, int port)
            throws IOException {
        Files.createDirectories(home);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            PublicKey allowed = authorizedKey.get();
            return USER.equals(user) && allowed != null && KeyUtils.compareKeys(allowed, key);
        });
        server.setShellFactory(channel -> new InvertedShellWrapper(new Shell(home, reaper.wrap(INTERACTIVE), processes, sessions, reaper)));
        server.setCommandFactory((channel, command) ->
                new InvertedShellWrapper(new Shell(home, reaper.wrap(exec(command)), processes, sessions, reaper)));
        server.start();
        return new InstanceSsh(server);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // the server is going away either way
        }
    }

    /** A shell process in the instance's home, with the terminal modes the client asked for. */
    private static final class Shell implements InvertedShell {
        private final Path home;
        private final List<String> command;
        private final Set<Process> processes;
        private final Set<Long> sessions;
        private final ProcessReaper reaper;
        private ServerSession session;
        private ChannelSession channel;
        private Process process;
        private OutputStream in;
        private InputStream out;
        private InputStream err;

        Shell(Path home, List<String> command, Set<Process> processes, Set<Long> sessions, ProcessReaper reaper) {
            this.home = home;
            this.command = command;
            this.processes = processes;
            this.sessions = sessions;
            this.reaper = reaper;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            this.channel = channel;
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
            Map<String, String> environment = builder.environment();
            environment.putAll(env.getEnv());
            environment.put("HOME", home.toString());
            environment.put("USER", USER);
            environment.put("LOGNAME", USER);
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
            Map<PtyMode, Integer> modes = command.contains("/usr/bin/script") ? Map.of() : env.getPtyModes();
            out = new TtyFilterInputStream(process.getInputStream(), modes);
            err = new TtyFilterInputStream(process.getErrorStream(), modes);
            in = new TtyFilterOutputStream(process.getOutputStream(), modes);
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
