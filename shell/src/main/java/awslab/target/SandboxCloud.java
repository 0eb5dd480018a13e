package awslab.target;

import awslab.logging.Background;
import awslab.api.Reachability;
import awslab.api.UserException;
import awslab.sandbox.Sandbox;
import awslab.sandbox.SandboxClient;
import awslab.sandbox.SandboxReachability;
import awslab.sandbox.ServiceStatus;
import awslab.settings.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox service seen through the shell's seams: the shell's client side of it. The
 * sandbox runs as a process of its own, one per state directory, outliving the shell; this
 * finds the one running, or starts it in the background when the SANDBOX target is first used
 * (and again, should it have stopped for want of use, at the next call), and adapts it: its
 * endpoint for the SDK clients, its loopback addresses as the shell's {@link Reachability}, its
 * status for {@code status} and the {@code sandbox} command. The sandbox module knows nothing of
 * the shell; this adapter is the only place the two meet.
 *
 * <pre>
 * SandboxCloud cloud = new SandboxCloud(stateDir, () -&gt; SandboxCloud.launch(env, settings), listener);
 * cloud.endpoint();                    // starts it if none runs: http://127.0.0.1:4599
 * cloud.running().map(Status::endpoint); // without starting it
 * cloud.stop();
 * </pre>
 */
public final class SandboxCloud implements LocalCloud {
    private static final System.Logger LOG = System.getLogger(SandboxCloud.class.getName());
    /** The sandbox's account, known without asking it. */
    public static final String ACCOUNT = Sandbox.ACCOUNT;
    /** The variable that chooses the sandbox's port (over the saved setting). */
    public static final String PORT_VARIABLE = "AWSLAB_SANDBOX_PORT";
    /** The variable that chooses how long the sandbox waits unused before it stops, e.g. {@code 90m} ({@code 0}: never). */
    public static final String IDLE_VARIABLE = "AWSLAB_SANDBOX_IDLE";
    /** The variable that chooses the sandbox's pace: {@code fast} for tests and rehearsals. */
    public static final String PACE_VARIABLE = "AWSLAB_SANDBOX_PACE";

    /** What the shell says as the sandbox comes and goes (the composition root prints it). */
    public interface Listener {
        /** A sandbox process is starting, on this port; {@code again} when this shell's had stopped (idle, or stopped elsewhere). */
        void starting(int port, boolean again);

        /**
         * The sandbox answers; {@code startedHere} when this shell started it. On another port than
         * it wanted ({@link Status#portTaken()}), clients built for that port are worth rebuilding
         * (their calls follow it anyway, not what else reads their endpoint).
         */
        void ready(Status status, boolean startedHere);
    }

    /**
     * What the sandbox says about itself, in the shell's terms.
     *
     * @param endpoint      its AWS endpoint
     * @param pid           its process
     * @param wantedPort    the port it was asked for; differs from the endpoint's when that one was taken
     * @param started       since when it runs
     * @param lastActivity  when it was last used
     * @param idleStop      how long without use before it stops by itself (zero: never)
     * @param fresh         it started a fresh account
     * @param running       instances running (pending ones included)
     * @param stopped       instances stopped
     * @param loadBalancers its load balancers
     * @param groups        its Auto Scaling groups
     * @param damaged       state files found damaged at its start, as kept aside
     * @param problems      what went wrong in its background since it started
     * @param log           its log file
     * @param keyFile       the private key of {@code vockey}
     * @param stateFile     where its resources are saved
     * @param minute        one CloudWatch minute, compressed
     * @param scaleOut      time above target before a group scales out
     * @param scaleIn       time below target before a group scales in
     * @param maxRunning    instances that may run at once
     * @param sameBuild     it runs the same build of awslab as this shell
     */
    public record Status(URI endpoint, long pid, int wantedPort, Instant started, Instant lastActivity, Duration idleStop,
            boolean fresh, int running, int stopped, int loadBalancers, int groups, List<String> damaged, int problems,
            Path log, Path keyFile, Path stateFile, Duration minute, Duration scaleOut, Duration scaleIn, int maxRunning,
            boolean sameBuild) {

        /** The wanted port was taken by another program. */
        public boolean portTaken() {
            return wantedPort != 0 && wantedPort != endpoint.getPort();
        }
    }

    /** An instance or load balancer and where it is on this computer ({@code web}, {@code ssh}: null where none). */
    public record Address(boolean instance, String id, String name, String state, String publicAddress, String web, String ssh) {}

    private final Path stateDir;
    private final Supplier<SandboxClient.Launch> launch;
    private final Listener listener;
    private final Reachability reachability = new LocalReachability();
    private SandboxClient client;
    /** This shell has seen the sandbox running: should it be gone at the next call, that is worth saying. */
    private volatile boolean seenRunning;

    public SandboxCloud(Path stateDir, Supplier<SandboxClient.Launch> launch, Listener listener) {
        this.stateDir = stateDir;
        this.launch = launch;
        this.listener = listener;
    }

    /**
     * How to start the sandbox: port and idle stop from the environment, else the saved settings,
     * else the defaults (port {@value awslab.sandbox.SandboxService#DEFAULT_PORT}, 2 h); a bad value
     * is a {@link UserException} that shows it.
     */
    public static SandboxClient.Launch launch(Map<String, String> env, Settings settings) {
        SandboxClient.Launch launch = SandboxClient.Launch.defaults();
        Optional<String> port = choose(env.get(PORT_VARIABLE), settings.get(Settings.SANDBOX_PORT));
        if (port.isPresent()) {
            launch = launch.withPort(parsePort(port.get()));
        }
        Optional<String> idle = choose(env.get(IDLE_VARIABLE), settings.get(Settings.SANDBOX_IDLE));
        if (idle.isPresent()) {
            launch = launch.withIdleStop(parseIdle(idle.get()));
        }
        if ("fast".equals(env.get(PACE_VARIABLE))) {
            launch = launch.withPace("fast");
        }
        return launch;
    }

    /** A port from 0 (any free one) to 65535, or the user's error. */
    public static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserException("err.sandbox.port", text);
    }

    /** A time such as {@code 90m}, {@code 2h}, {@code 30s}, or {@code 0} for never; or the user's error. */
    public static Duration parseIdle(String text) {
        try {
            return SandboxClient.Launch.idleStop(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("err.sandbox.idle", text);
        }
    }

    private static Optional<String> choose(String variable, Optional<String> setting) {
        return variable != null && !variable.isBlank() ? Optional.of(variable) : setting;
    }

    /** The endpoint of the sandbox, started if none runs. */
    @Override
    public URI endpoint() {
        return ensureRunning().endpoint();
    }

    /**
     * Where the sandbox runs or will, at once: if none runs, it starts in the background while
     * the shell builds its SDK clients (each JVM on its own core), and the clients' first call
     * waits for it. A start that fails here is tried again, and said, at that first call. When it
     * would take any free port, there is nothing to tell before it has started: this waits.
     */
    @Override
    public URI endpointSoon() {
        Optional<URI> running = runningEndpoint();
        if (running.isPresent()) {
            seenRunning = true;
            return running.get();
        }
        Optional<URI> expected = expectedEndpoint();
        if (expected.isEmpty()) {
            return endpoint();
        }
        Background.start("awslab-sandbox-start", () -> {
            try {
                ensureRunning();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the sandbox did not start in the background", e);
            }
        });
        return expected.get();
    }

    @Override
    public Reachability reachability() {
        return reachability;
    }

    /**
     * Where the sandbox listens or will: the running one's endpoint, else the one it would be
     * started on; empty when it would take any free port.
     */
    public Optional<URI> expectedEndpoint() {
        Optional<URI> running = runningEndpoint();
        if (running.isPresent()) {
            return running;
        }
        int port = launch.get().port();
        return port == 0 ? Optional.empty() : Optional.of(URI.create("http://127.0.0.1:" + port));
    }

    /**
     * The endpoint of the sandbox running now, from its endpoint file and whether its process
     * lives, without a call: cheap enough for the banner before the first prompt.
     */
    public Optional<URI> runningEndpoint() {
        return SandboxClient.peek(stateDir);
    }

    /** The sandbox serving this state directory, started if none runs. */
    public Status start() {
        return status(ensureRunning());
    }

    /** The running sandbox's status, if one runs; never starts one. */
    public Optional<Status> running() {
        return current().map(SandboxCloud::statusOrNull);
    }

    /** Every instance and load balancer of the running sandbox and where each is; empty when none runs. */
    public List<Address> addresses() {
        return current().map(c -> {
            try {
                return c.addresses().stream().map(SandboxCloud::address).toList();
            } catch (IOException e) {
                return List.<Address>of();
            }
        }).orElse(List.of());
    }

    /** Stops the running sandbox (state saved, instances' processes ended); false when none ran. */
    public synchronized boolean stop() {
        Optional<SandboxClient> running = current();
        client = null;
        if (running.isEmpty()) {
            return false;
        }
        if (!running.get().stop(Duration.ofSeconds(60))) {
            throw new UserException("err.sandbox.stop", running.get().pid());
        }
        return true;
    }

    /** Where its resources are saved: {@code <state>/sandbox/state.json}. */
    public Path stateFile() {
        return stateDir.resolve("sandbox").resolve("state.json");
    }

    /**
     * Forgets every sandbox resource, for a fresh account at the next start: stops the sandbox
     * first if one runs on this state directory.
     */
    public static void reset(Path stateDir) throws IOException {
        SandboxClient.find(stateDir).ifPresent(running -> running.stop(Duration.ofSeconds(60)));
        Sandbox.reset(stateDir);
    }

    /** Its log file: {@code <state>/logs/sandbox.log}. */
    public Path logFile() {
        return stateDir.resolve("logs").resolve("sandbox.log");
    }

    private synchronized Optional<SandboxClient> current() {
        if (client != null && client.alive()) {
            return Optional.of(client);
        }
        return SandboxClient.find(stateDir);
    }

    private synchronized SandboxClient ensureRunning() {
        if (client != null && client.alive()) {
            return client;
        }
        Optional<SandboxClient> found = SandboxClient.find(stateDir);
        if (found.isPresent()) {
            client = found.get();
            seenRunning = true;
            listener.ready(status(client), false);
            return client;
        }
        SandboxClient.Launch how = launch.get();
        listener.starting(how.port(), seenRunning);
        try {
            client = SandboxClient.start(stateDir, how);
        } catch (java.io.InterruptedIOException e) {
            throw new UserException(e, "err.interrupted");
        } catch (IOException e) {
            client = null;
            throw new UserException(e, "err.sandbox.start", String.valueOf(e.getMessage()));
        }
        seenRunning = true;
        listener.ready(status(client), true);
        return client;
    }

    private static Status status(SandboxClient client) {
        Status status = statusOrNull(client);
        if (status == null) {
            throw new UserException("err.sandbox.start", "it stopped answering");
        }
        return status;
    }

    private static Status statusOrNull(SandboxClient client) {
        try {
            ServiceStatus s = client.status();
            ServiceStatus.Pace pace = s.pace();
            return new Status(URI.create(s.endpoint()), s.pid(), s.wantedPort(), Instant.parse(s.started()),
                    Instant.parse(s.lastActivity()), Duration.ofSeconds(s.idleStopSeconds()), s.fresh(),
                    s.instances("running") + s.instances("pending"), s.instances("stopped"),
                    s.census().getOrDefault("loadBalancers", 0), s.census().getOrDefault("autoScalingGroups", 0),
                    s.damaged().stream().map(ServiceStatus.Damaged::keptAs).toList(), s.problems(),
                    s.log() == null ? null : Path.of(s.log()), Path.of(s.keyFile()), Path.of(s.stateFile()),
                    Duration.ofSeconds(pace.metricPeriodSeconds()), Duration.ofSeconds(pace.scaleOutSeconds()),
                    Duration.ofSeconds(pace.scaleInSeconds()), pace.maxRunning(), SandboxClient.build().equals(s.build()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the sandbox did not say how it is", e);
            return null;
        }
    }

    private static Address address(SandboxReachability.Address a) {
        return new Address("instance".equals(a.kind()), a.id(), a.name(), a.state(), a.publicAddress(), a.web(), a.ssh());
    }

    /** Asks the sandbox (started if needed) where things are; what it cannot say is unreachable. */
    private final class LocalReachability implements Reachability {
        @Override
        public Optional<URI> webService(String instanceId, String publicIp) {
            return reach(instanceId, publicIp).flatMap(SandboxClient.Reach::web);
        }

        @Override
        public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
            return reach(instanceId, publicIp).flatMap(SandboxClient.Reach::ssh);
        }

        @Override
        public Optional<URI> loadBalancer(String dnsName) {
            try {
                return ensureRunning().reachLoadBalancer(dnsName);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the sandbox did not say where " + dnsName + " is", e);
                return Optional.empty();
            }
        }

        @Override
        public boolean local() {
            return true;
        }

        private Optional<SandboxClient.Reach> reach(String instanceId, String publicIp) {
            try {
                return Optional.of(ensureRunning().reach(instanceId, publicIp));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the sandbox did not say where " + instanceId + " is", e);
                return Optional.empty();
            }
        }
    }
}
