package awslab.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The machine behind one sandbox instance: its web service in a JVM of its own (through
 * {@link InstanceMain}, so it dies with the sandbox), its metadata service and its SSH server,
 * all on loopback ports. Its home directory {@code instances/ID/home} is where SSH sessions start.
 *
 * <p>Every process it starts carries the sandbox's mark ({@link OrphanSweep}): should the sandbox
 * and its reaper both die outright, the next sandbox on the same state directory ends them.
 *
 * <pre>
 * InstanceHost host = new InstanceHost(id, dir, "awslab.webapp.WebApp", metadata, tokens, key, reaper);
 * host.prepare(0, 0);                        // SSH and metadata listening, web port chosen (0: any free one)
 * host.startService(Duration.ofSeconds(60)); // web service answering /health
 * host.halt();                               // stopped: every process ended, nothing listening
 * </pre>
 */
final class InstanceHost implements AutoCloseable {
    /**
     * Small heap, quick start, one GC thread: a t2.micro's worth of JVM. The heap starts small
     * and gives memory back (the free ratios), so an idle instance holds ~60 MiB, not its maximum.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=96m", "-Xshare:auto");

    private final String instanceId;
    private final Path dir;
    private final String mainClass;
    private final Supplier<Map<String, String>> metadata;
    private final Supplier<Boolean> tokenRequired;
    private final Supplier<PublicKey> authorizedKey;
    private final IntPredicate admitsStudent;
    private final ProcessReaper reaper;
    private final Set<Process> sshProcesses = ConcurrentHashMap.newKeySet();
    /** The SSH commands' session ids, kept while anything runs in them (see {@link ProcessReaper#sessionMembers}). */
    private final Set<Long> sshSessions = ConcurrentHashMap.newKeySet();
    private MetadataServer imds;
    private volatile InstanceSsh ssh;
    /** Its ports 80 and 22 as the student's machine reaches them, through its security groups. */
    private volatile GuardedPort webGate;
    private volatile GuardedPort sshGate;
    private volatile Process web;
    private volatile int webPort;
    private volatile int sshPort;
    private boolean closed;

    InstanceHost(String instanceId, Path dir, String mainClass, Supplier<Map<String, String>> metadata,
            Supplier<Boolean> tokenRequired, Supplier<PublicKey> authorizedKey, IntPredicate admitsStudent, ProcessReaper reaper) {
        this.instanceId = instanceId;
        this.dir = dir;
        this.mainClass = mainClass;
        this.metadata = metadata;
        this.tokenRequired = tokenRequired;
        this.authorizedKey = authorizedKey;
        this.admitsStudent = admitsStudent;
        this.reaper = reaper;
    }

    /**
     * Its metadata service and SSH server listening, its web port chosen, and its gates — ports
     * 80 and 22 as the student reaches them — open: on the preferred ports (those it had before
     * the sandbox restarted) where still free, else on any free ones (0: any).
     */
    synchronized void prepare(int preferredWebPort, int preferredSshPort) throws IOException {
        if (closed) {
            return;
        }
        Files.createDirectories(dir.resolve("home"));
        if (imds == null) {
            imds = MetadataServer.start(metadata, tokenRequired);
        }
        if (ssh == null) {
            ssh = InstanceSsh.start(InstanceShell.prepare(dir), dir.resolve("ssh_host_key"), authorizedKey, this::login,
                    sshProcesses, sshSessions, reaper);
            sshPort = ssh.port();
        }
        if (webPort == 0) {
            webPort = freePort();
        }
        if (webGate == null) {
            webGate = GuardedPort.open(preferredWebPort, () -> webPort, () -> admitsStudent.test(80));
            sshGate = GuardedPort.open(preferredSshPort, () -> sshPort, () -> admitsStudent.test(22));
        }
    }

    /** Starts the web service (after {@link #prepare}) and waits, bounded, for its {@code /health}; true when it answered. */
    synchronized boolean startService(Duration healthWait) throws IOException {
        if (closed || ssh == null) {
            return false;
        }
        startWeb();
        return waitHealthy(healthWait);
    }

    /** Everything at once, on any free ports. */
    synchronized boolean boot(Duration healthWait) throws IOException {
        prepare(0, 0);
        return startService(healthWait);
    }

    /** Reboot: the web service restarts on the same port; SSH sessions are cut, as on a real reboot. */
    synchronized boolean restartService(Duration healthWait) throws IOException {
        endProcesses();
        if (ssh == null) {
            return boot(healthWait);
        }
        startWeb();
        return waitHealthy(healthWait);
    }

    /** Stop: every process ended, SSH closed, ports released (a later boot gets new ones). */
    synchronized void halt() {
        endProcesses();
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
        if (webGate != null) {
            webGate.close();
            sshGate.close();
            webGate = null;
            sshGate = null;
        }
        sshPort = 0;
        webPort = 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        halt();
        if (imds != null) {
            imds.close();
            imds = null;
        }
    }

    int webPort() {
        return webPort;
    }

    /** True while an SSH command or login shell runs (what it left in the background does not count). */
    boolean sshSessionsOpen() {
        return sshProcesses.stream().anyMatch(Process::isAlive);
    }

    int sshPort() {
        return sshPort;
    }

    /** Its SSH host keys' fingerprints, as its console shows them at boot; none while it is down. */
    List<String> hostKeyFingerprints() {
        InstanceSsh server = ssh;
        return server == null ? List.of() : server.hostKeyFingerprints(login().shortHostname());
    }

    /** The web service's output: what the instance's setup log holds. */
    Path serviceLog() {
        return dir.resolve("service.log");
    }

    /** What an SSH session shows and needs of this instance: its names and where its servers listen. */
    private InstanceShell.Login login() {
        Map<String, String> values = metadata.get();
        MetadataServer server = imds;
        return new InstanceShell.Login(instanceId, values.getOrDefault("hostname", "ip-172-31-0-1.ec2.internal"),
                values.get("public-ipv4"), publicWebPort(), webPort, server == null ? 0 : server.port(), serviceLog());
    }

    /** The instance's port 80 as the student reaches it (through its security groups), or 0 while it is down. */
    int publicWebPort() {
        GuardedPort gate = webGate;
        return gate == null || webPort == 0 ? 0 : gate.port();
    }

    /** The instance's port 22 as the student reaches it (through its security groups), or 0 while it is down. */
    int publicSshPort() {
        GuardedPort gate = sshGate;
        return gate == null || sshPort == 0 ? 0 : gate.port();
    }

    String instanceId() {
        return instanceId;
    }

    /** The web service's process id, or 0 while it is not running. */
    long webPid() {
        Process service = web;
        return service != null && service.isAlive() ? service.pid() : 0;
    }

    /**
     * Every live process of this instance: the web service, SSH sessions, their children, and what
     * the sessions left running in the background after they ended (a busy loop started with
     * {@code nohup … &}).
     */
    List<ProcessHandle> processes() {
        Map<Long, ProcessHandle> all = new LinkedHashMap<>();
        Process service = web;
        Stream<Process> roots = Stream.concat(service == null ? Stream.empty() : Stream.of(service), sshProcesses.stream());
        roots.forEach(p -> {
            if (p.isAlive()) {
                all.put(p.pid(), p.toHandle());
                p.descendants().forEach(d -> all.put(d.pid(), d));
            }
        });
        Map<Long, List<ProcessHandle>> members = ProcessReaper.sessionMembers(Set.copyOf(sshSessions));
        members.values().forEach(list -> list.forEach(m -> all.putIfAbsent(m.pid(), m)));
        forgetEndedSessions(members.keySet());
        return new ArrayList<>(all.values());
    }

    /** A session with nothing left in it is over: its id may be reused, so neither this host nor the reaper keeps it. */
    private void forgetEndedSessions(Set<Long> live) {
        Set<Long> leaders = new HashSet<>();
        sshProcesses.forEach(p -> leaders.add(p.pid())); // a leader just started may not have called setsid yet
        for (long session : Set.copyOf(sshSessions)) {
            if (!live.contains(session) && !leaders.contains(session)) {
                sshSessions.remove(session);
                reaper.forget(session);
            }
        }
    }

    private void startWeb() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-D" + OrphanSweep.PROPERTY + "=" + reaper.marker()); // found by the next sandbox should this one vanish
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(InstanceMain.class.getName());
        command.add(mainClass);
        String metadataEndpoint = "http://127.0.0.1:" + imds.port();
        command.addAll(List.of("--bind", "127.0.0.1", "--port", String.valueOf(webPort), "--metadata-endpoint", metadataEndpoint));
        ProcessBuilder builder = new ProcessBuilder(ProcessReaper.detached(command)).directory(dir.resolve("home").toFile());
        builder.environment().remove("AWS_EC2_METADATA_DISABLED");
        builder.environment().put("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadataEndpoint);
        builder.environment().put("AWSLAB_INSTANCE_ID", instanceId);
        builder.environment().put(OrphanSweep.VARIABLE, reaper.marker());
        File log = serviceLog().toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        // stdin stays a pipe held by this JVM: when it closes, InstanceMain halts the instance
        web = builder.start();
    }

    /** This JVM's class path with every entry made absolute: the instance runs in its own home directory. */
    static String absoluteClassPath() {
        StringBuilder out = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.append(out.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return out.toString();
    }

    private boolean waitHealthy(Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline) && web.isAlive()) {
            if (answers(webPort, "/health")) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static boolean answers(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1500);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        }
    }

    private void endProcesses() {
        List<ProcessHandle> all = processes();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        if (web != null) {
            try {
                web.getOutputStream().close();
            } catch (IOException e) {
                // already closed
            }
        }
        web = null;
        sshProcesses.clear();
        forgetEndedSessions(ProcessReaper.sessionMembers(Set.copyOf(sshSessions)).keySet());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
