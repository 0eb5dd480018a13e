package awslab.sandbox;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client's handle on the sandbox service of a state directory: finds the one running (its
 * endpoint file, its process, and its own word on who it is), or starts one in the background —
 * a process of its own, in a session of its own, that outlives the caller — and waits until it
 * answers. Two callers starting at once get the same sandbox: the second process finds the
 * state directory locked and leaves, and its caller finds the first. Its calls go straight to
 * 127.0.0.1, never through a proxy.
 *
 * <pre>
 * SandboxClient sandbox = SandboxClient.start(stateDir, SandboxClient.Launch.defaults());
 * Ec2Client ec2 = Ec2Client.builder().endpointOverride(sandbox.endpoint())…;
 * sandbox.reach("i-0abc", "203.0.113.7").web();   // Optional[http://127.0.0.1:41234/]
 * sandbox.stop(Duration.ofSeconds(30));
 * </pre>
 */
public final class SandboxClient {
    /**
     * A sandbox JVM: the serial collector and the C1 compiler suit a service that mostly waits; a
     * heap that starts small and gives memory back (a JVM's default first heap is 1/64 of the
     * computer's memory, which it would keep for nothing).
     */
    static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx256m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final Gson GSON = new Gson();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Path stateDir;
    private final long pid;
    private final URI endpoint;

    private SandboxClient(Path stateDir, long pid, URI endpoint) {
        this.stateDir = stateDir;
        this.pid = pid;
        this.endpoint = endpoint;
    }

    /**
     * How to start a sandbox when none runs.
     *
     * @param port          the port wanted ({@link SandboxService#DEFAULT_PORT}; 0 for any free one)
     * @param anyPortIfBusy when the port is taken by another program, take any free one rather than fail
     * @param idleStop      how long without use before it stops by itself; zero: never
     * @param pace          {@code standard}, or {@code fast} for tests
     * @param webappMain    the main class its instances run (a test stand-in; null: the lab web service)
     * @param startWait     how long to wait for it to answer
     */
    public record Launch(int port, boolean anyPortIfBusy, Duration idleStop, String pace, String webappMain, Duration startWait) {
        public static Launch defaults() {
            return new Launch(SandboxService.DEFAULT_PORT, true, SandboxService.DEFAULT_IDLE_STOP, "standard", null,
                    Duration.ofSeconds(90));
        }

        public Launch withPort(int newPort) {
            return new Launch(newPort, anyPortIfBusy, idleStop, pace, webappMain, startWait);
        }

        public Launch withIdleStop(Duration newIdleStop) {
            return new Launch(port, anyPortIfBusy, newIdleStop, pace, webappMain, startWait);
        }

        public Launch withPace(String newPace) {
            return new Launch(port, anyPortIfBusy, idleStop, newPace, webappMain, startWait);
        }

        public Launch withWebappMain(String mainClass) {
            return new Launch(port, anyPortIfBusy, idleStop, pace, mainClass, startWait);
        }

        /**
         * A time without use before the sandbox stops: {@code 90m}, {@code 2h}, {@code 30s}, or
         * {@code 0} (never); {@link IllegalArgumentException} saying the syntax otherwise.
         */
        public static Duration idleStop(String text) {
            String value = text.strip().toLowerCase(java.util.Locale.ROOT);
            try {
                if (value.equals("0")) {
                    return Duration.ZERO;
                }
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                char unit = value.charAt(value.length() - 1);
                if (amount >= 0 && (unit == 's' || unit == 'm' || unit == 'h')) {
                    return unit == 's' ? Duration.ofSeconds(amount) : unit == 'm' ? Duration.ofMinutes(amount) : Duration.ofHours(amount);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // said below
            }
            throw new IllegalArgumentException("--idle-stop is a time such as 90m, 2h or 30s (0: never), not " + text);
        }

        /** The sandbox's command-line options (see {@link Main}). */
        List<String> arguments(Path stateDir) {
            List<String> args = new ArrayList<>(List.of("--home", stateDir.toAbsolutePath().toString(),
                    "--port", String.valueOf(port), "--idle-stop", idleStop.toSeconds() + "s", "--pace", pace));
            if (anyPortIfBusy) {
                args.add("--any-port-if-busy");
            }
            if (webappMain != null) {
                args.addAll(List.of("--webapp-main", webappMain));
            }
            return args;
        }
    }

    /** Where a sandbox's process writes what it prints (the JVM's own errors included): {@code stateDir/logs/sandbox-console.log}. */
    public static Path consoleLog(Path stateDir) {
        return stateDir.resolve("logs").resolve("sandbox-console.log");
    }

    /** The endpoint of the sandbox of this state directory if its process lives, without asking it (no call: quick). */
    public static Optional<URI> peek(Path stateDir) {
        return EndpointFile.read(stateDir.resolve("sandbox")).filter(entry -> alive(entry.pid())).map(entry -> URI.create(entry.endpoint()));
    }

    /** The sandbox serving this state directory, if one runs and answers. */
    public static Optional<SandboxClient> find(Path stateDir) {
        Path home = stateDir.resolve("sandbox");
        Optional<EndpointFile.Entry> entry = EndpointFile.read(home);
        if (entry.isEmpty() || !alive(entry.get().pid())) {
            return Optional.empty();
        }
        SandboxClient client;
        try {
            client = new SandboxClient(stateDir, entry.get().pid(), URI.create(entry.get().endpoint()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            ServiceStatus status = client.status();
            return status.pid() == client.pid && samePlace(status.stateDir(), stateDir) ? Optional.of(client) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not (or not yet, or no longer) answering
        }
    }

    /**
     * The sandbox serving this state directory: the one running, else a new one started in the
     * background with {@code launch}, once it answers.
     *
     * @throws IOException when it cannot start; the message says why (the end of its console output)
     */
    public static SandboxClient start(Path stateDir, Launch launch) throws IOException {
        Optional<SandboxClient> running = find(stateDir);
        if (running.isPresent()) {
            return running.get();
        }
        Path console = consoleLog(stateDir);
        Files.createDirectories(console.getParent());
        if (Files.exists(console) && Files.size(console) > CONSOLE_LIMIT) {
            Files.delete(console);
        }
        long from = Files.exists(console) ? Files.size(console) : 0; // what this start prints comes after
        List<String> command = new ArrayList<>();
        command.add(javaWithoutConsole());
        command.addAll(JVM_FLAGS);
        command.addAll(classDataSharing());
        command.addAll(List.of("-cp", InstanceHost.absoluteClassPath(), Main.class.getName()));
        command.addAll(launch.arguments(stateDir));
        ProcessBuilder builder = new ProcessBuilder(ProcessReaper.detached(command)).directory(stateDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        // The instances are not the user's computer: they get none of its AWS credentials.
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE").forEach(builder.environment()::remove);
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read: end of input at once, whatever the platform
        Instant deadline = Instant.now().plus(launch.startWait());
        while (Instant.now().isBefore(deadline)) {
            Optional<SandboxClient> found = find(stateDir);
            if (found.isPresent()) {
                return found.get(); // ours, or the one another caller started at the same moment
            }
            if (!process.isAlive() && process.exitValue() != Main.ALREADY_RUNNING) {
                throw new IOException(printed(console, from));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Ctrl-C: stop waiting; the sandbox goes on starting, and the next command finds it
                throw new java.io.InterruptedIOException("interrupted while the sandbox starts");
            }
        }
        throw new IOException("the sandbox did not answer within " + launch.startWait().toSeconds() + " s: " + printed(console, from));
    }

    /** Past this, the console output of earlier starts is dropped at the next start. */
    private static final long CONSOLE_LIMIT = 1 << 20;

    /**
     * A class-data archive of what a sandbox loads, beside the jar it runs from (as the launcher
     * keeps one for the shell): written when a sandbox of this build first stops normally, then
     * mapped by every later start, which it makes about twice as quick. None when the class path
     * holds anything but jars (tests: the JVM archives jars only, and refuses to start otherwise)
     * or the jar's folder is not writable. One per Java version (another one ignores it), and none
     * from Java 22: writing one crashed Java 25.0.3 in one run in three, and its own archive
     * already starts the sandbox about as fast.
     */
    static List<String> classDataSharing() {
        if (Runtime.version().feature() > 21) {
            return List.of();
        }
        try {
            for (String entry : InstanceHost.absoluteClassPath().split(java.io.File.pathSeparator)) {
                if (!Files.isRegularFile(Path.of(entry)) || !entry.endsWith(".jar")) {
                    return List.of();
                }
            }
            Path code = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path archive = code.resolveSibling(code.getFileName() + ".sandbox-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + ".jsa");
            if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(code)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive);
            }
            return Files.isWritable(code.getParent()) ? List.of("-XX:ArchiveClassesAtExit=" + archive) : List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * The JVM to run the sandbox: on Windows {@code javaw}, which has no console, so that closing
     * the shell's window does not end the sandbox with it; elsewhere {@code java}.
     */
    private static String javaWithoutConsole() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path javaw = bin.resolve("javaw.exe");
        return Files.isRegularFile(javaw) ? javaw.toString() : bin.resolve("java").toString();
    }

    /** Which build of awslab this is: where its code is, and when that was built (a sandbox of another build is worth knowing about). */
    public static String build() {
        try {
            Path code = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code + "@" + Files.getLastModifiedTime(code).toMillis();
        } catch (Exception e) {
            return "unknown";
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return pid;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Whether its process still runs (no call: cheap enough before every request). */
    public boolean alive() {
        return alive(pid);
    }

    public ServiceStatus status() throws IOException {
        return GSON.fromJson(call("GET", "status", CALL_TIMEOUT), ServiceStatus.class);
    }

    /** Where an instance's web service and SSH server are on this computer; empty parts where unreachable. */
    public Reach reach(String instanceId, String publicIp) throws IOException {
        Map<String, String> where = GSON.fromJson(call("GET", "reach?instance=" + encode(instanceId) + "&ip=" + encode(publicIp),
                CALL_TIMEOUT), new TypeToken<Map<String, String>>() { }.getType());
        return new Reach(Optional.ofNullable(where.get("web")).map(URI::create),
                Optional.ofNullable(where.get("ssh")).map(SandboxClient::socket));
    }

    /** Where a load balancer (by its DNS name) is on this computer. */
    public Optional<URI> reachLoadBalancer(String dnsName) throws IOException {
        Map<String, String> where = GSON.fromJson(call("GET", "reach?dns=" + encode(dnsName), CALL_TIMEOUT),
                new TypeToken<Map<String, String>>() { }.getType());
        return Optional.ofNullable(where.get("web")).map(URI::create);
    }

    /** Every instance and load balancer, and where each is on this computer. */
    public List<SandboxReachability.Address> addresses() throws IOException {
        return GSON.fromJson(call("GET", "addresses", CALL_TIMEOUT), new TypeToken<List<SandboxReachability.Address>>() { }.getType());
    }

    /** The sandbox's process and every instance's processes (for benchmarks and tests). */
    public List<Long> processes() throws IOException {
        Processes processes = GSON.fromJson(call("GET", "processes", CALL_TIMEOUT), Processes.class);
        List<Long> all = new ArrayList<>(List.of(processes.sandbox()));
        all.addAll(processes.instances());
        return all;
    }

    private record Processes(long sandbox, List<Long> instances) {}

    /** Where an instance is reached: its web service's base URI and its SSH address, each when reachable. */
    public record Reach(Optional<URI> web, Optional<InetSocketAddress> ssh) {}

    /**
     * Stops it: state saved, instances' processes ended. Asks it, then, past {@code wait},
     * terminates its process (its shutdown hook still saves), and at last kills it.
     *
     * @return true when its process has ended
     */
    public boolean stop(Duration wait) {
        try {
            call("POST", "stop", CALL_TIMEOUT);
        } catch (IOException e) {
            // not answering: the signals below
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        if (awaitExit(process.get(), wait)) {
            return true;
        }
        process.get().destroy();
        if (awaitExit(process.get(), Duration.ofSeconds(10))) {
            return true;
        }
        process.get().destroyForcibly();
        return awaitExit(process.get(), Duration.ofSeconds(5));
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private String call(String method, String path, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(ControlApi.PATH + path).toURL()
                .openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout((int) timeout.toMillis());
        if ("POST".equals(method)) {
            connection.setDoOutput(true);
            connection.getOutputStream().close();
        }
        int code = connection.getResponseCode();
        try (InputStream in = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (code >= 400) {
                throw new IOException("the sandbox answered " + code + " to " + method + " " + path + ": " + body);
            }
            return body;
        }
    }

    private static InetSocketAddress socket(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean samePlace(String reported, Path stateDir) {
        try {
            return Path.of(reported).toRealPath().equals(stateDir.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** What a sandbox process printed since {@code from} (its last lines), to say why it did not start. */
    static String printed(Path file, long from) {
        try {
            byte[] all = Files.readAllBytes(file);
            String text = new String(all, (int) Math.min(from, all.length), all.length - (int) Math.min(from, all.length),
                    StandardCharsets.UTF_8).strip();
            List<String> lines = text.lines().toList();
            return text.isEmpty() ? "(no output in " + file + ")" : String.join("\n", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output in " + file + ")";
        }
    }

}
