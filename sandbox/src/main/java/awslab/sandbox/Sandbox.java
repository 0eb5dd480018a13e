package awslab.sandbox;

import awslab.logging.Background;
import awslab.state.StateFiles;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The embedded local cloud: an AWS-compatible endpoint on 127.0.0.1 for the operations the shell
 * uses (EC2, Auto Scaling, ELBv2, STS, SSM), whose instances are real local processes running
 * the lab web service with their own metadata service and SSH server, behind real load-balancer
 * proxies, kept at size by a real Auto Scaling reconciler scaling on measured CPU.
 *
 * <p>One sandbox per state directory: it holds {@code stateDir/sandbox/sandbox.lock} for its
 * whole life, and a second start on the same directory fails with {@link Busy} (the service
 * that runs a sandbox as a process of its own, {@link SandboxService}, tells where the first one
 * is). Before it brings its instances back it ends whatever an earlier sandbox on the directory
 * left running ({@link OrphanSweep}). Every change is saved before the call that made it is
 * answered (see {@link StateStore}).
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults(stateDir))) {
 *     Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build();
 *     ec2.describeInstances();
 *     sandbox.reachability().webService(id, ip);   // http://127.0.0.1:PORT/
 *     sandbox.labKeyFile();                        // stateDir/sandbox/labsuser.pem, vockey's private key
 * }                                                // every instance process ended, state saved
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    public static final String ACCOUNT = CloudState.ACCOUNT;
    /** The one image the sandbox offers (Ubuntu 24.04, as the lab asks). */
    public static final String IMAGE_ID = CloudState.IMAGE_ID;
    /**
     * The student's public address in the sandbox's fiction: what its {@code GET /checkip} answers,
     * and where every connection from the student's machine comes from, as its security groups see it.
     */
    public static final String STUDENT_IP = Caller.PUBLIC_IP;
    private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());
    public static final Region REGION = Region.US_EAST_1;

    private final SandboxConfig config;
    private final Cloud cloud;
    private final LoadBalancing loadBalancing;
    private final AutoScaling autoScaling;
    private final ApiServer api;
    private final ScheduledExecutorService scheduler;
    private final SandboxReachability reachability;
    private final Thread shutdownHook;
    private final Lock lock;
    private boolean closed;

    /** Another sandbox already runs on this state directory. */
    public static final class Busy extends IOException {
        Busy(Path stateDir) {
            super("another sandbox already runs on " + stateDir);
        }
    }

    /** The state directory's lock, held while a sandbox runs on it (released with the process, however it ends). */
    private record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        static Lock take(Path home) throws IOException {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(home.resolve("sandbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Lock(channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // this very process runs a sandbox there
            }
            channel.close();
            return null;
        }

        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // the process's end releases it anyway
            }
        }
    }

    private Sandbox(SandboxConfig config, CloudState state, StateStore store, Lock lock) throws IOException {
        this.config = config;
        this.lock = lock;
        this.cloud = new Cloud(config, state, store);
        this.loadBalancing = new LoadBalancing(cloud);
        this.autoScaling = new AutoScaling(cloud);
        this.reachability = new SandboxReachability(cloud, loadBalancing);
        this.scheduler = Executors.newScheduledThreadPool(3, Background.threads("sandbox-control"));
        this.shutdownHook = new Thread(this::closeQuietly, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (CloudState.LoadBalancer lb : state.loadBalancers.values()) {
                loadBalancing.open(lb);
            }
            cloud.resume();
            this.api = ApiServer.start(cloud, loadBalancing, autoScaling, config.port());
            cloud.persist(); // what resuming settled (an instance caught stopping is stopped)
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        SandboxTimings timings = config.timings();
        every("reconcile", timings.reconcileInterval().toMillis(), autoScaling::reconcile);
        every("health check", LoadBalancing.PASS.toMillis(), () -> {
            if (loadBalancing.checkHealth()) {
                cloud.persist(); // what a target's health became (its counters are not worth a save)
            }
        }, false);
        every("load balancer provisioning", timings.healthCheckInterval().toMillis(), this::provisionLoadBalancers);
        every("metrics", timings.metricPeriod().toMillis(), autoScaling::measure);
    }

    /**
     * Starts the sandbox: takes the state directory's lock (else {@link Busy}), ends what an
     * earlier sandbox there left running, restores the saved resources when {@code keepState}
     * and brings running instances back. A damaged state file is set aside and reported through
     * {@code files}.
     */
    public static Sandbox start(SandboxConfig config, StateFiles files) throws IOException {
        Files.createDirectories(config.home());
        StateFiles.ownerOnly(config.home());
        Lock lock = Lock.take(config.home());
        if (lock == null) {
            throw new Busy(config.stateDir());
        }
        try {
            OrphanSweep.sweep(OrphanSweep.marker(config.home()));
            StateStore store = config.keepState() ? new StateStore(stateFile(config)) : null;
            CloudState state = store == null ? new CloudState() : store.load(files);
            return new Sandbox(config, state, store, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Starts the sandbox; a damaged state file is set aside and logged. */
    public static Sandbox start(SandboxConfig config) throws IOException {
        return start(config, new StateFiles(damage -> LOG.log(System.Logger.Level.WARNING,
                "{0} was damaged ({1}): kept as {2}; the sandbox starts with an empty account",
                damage.file(), damage.reason(), damage.keptAs())));
    }

    /** Forgets every sandbox resource (a fresh account next start); {@link Busy} while a sandbox runs on this directory. */
    public static void reset(Path stateDir) throws IOException {
        Path home = stateDir.resolve("sandbox");
        if (!Files.exists(home)) {
            return;
        }
        Path lockFile = home.resolve("sandbox.lock");
        try (Lock lock = Lock.take(home)) {
            if (lock == null) {
                throw new Busy(stateDir);
            }
            deleteAllBut(home, lockFile);
        }
        // released: now the lock file and the folder go too (Windows deletes no open file)
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(home);
    }

    /**
     * Deletes what is under {@code home} but the lock file. The output of an instance's process
     * that has just ended may still be landing in its folder, so a folder found not empty is
     * walked again, a bounded number of times.
     */
    private static void deleteAllBut(Path home, Path lockFile) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!file.equals(lockFile) && !file.equals(home)) {
                        Files.deleteIfExists(file);
                    }
                }
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The AWS endpoint for every service: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return api.endpoint();
    }

    /** Points an SDK client builder at the sandbox: endpoint, region us-east-1, placeholder credentials. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(endpoint()).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")));
    }

    /** Where its instances and load balancers really listen (the addresses the API shows are fiction). */
    public SandboxReachability reachability() {
        return reachability;
    }

    public SandboxTimings timings() {
        return config.timings();
    }

    public SandboxConfig config() {
        return config;
    }

    /** The private key of the {@code vockey} key pair, as Learner Lab's "Download PEM" gives it. */
    public Path labKeyFile() {
        return Cloud.labKeyFile(config);
    }

    /** An instance's CPU utilization over the last compressed minute, in percent (what CloudWatch would show). */
    public OptionalDouble instanceCpu(String instanceId) {
        return autoScaling.instanceCpu(instanceId);
    }

    /** An Auto Scaling group's average CPU over its in-service instances, in percent: what its policy tracks. */
    public OptionalDouble groupCpu(String groupName) {
        return autoScaling.groupCpu(groupName);
    }

    /** Every live process of every instance (web services, SSH sessions and their children). */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        cloud.hosts().values().forEach(host -> all.addAll(host.processes()));
        return all;
    }

    /** Serves {@code path} on the API's port, beside the AWS API (the service's own {@code /awslab/} calls). */
    void mount(String path, HttpHandler handler) {
        api.mount(path, handler);
    }

    /** When the sandbox was last used (an API call, a load balancer's request), in epoch milliseconds. */
    long lastActivity() {
        return cloud.lastActivity();
    }

    /** Counts as use: the service's own calls. */
    void touch() {
        cloud.touch();
    }

    /** True while someone is logged in to an instance: the sandbox is in use even without API calls. */
    boolean sshSessionsOpen() {
        return cloud.sshSessionsOpen();
    }

    /** How many instances are in each state ({@code running → 2}), and how many load balancers and groups there are. */
    Map<String, Integer> census() {
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (cloud) {
            cloud.state.instances.values().forEach(i -> counts.merge("instances." + i.state, 1, Integer::sum));
            counts.put("loadBalancers", cloud.state.loadBalancers.size());
            counts.put("autoScalingGroups", cloud.state.groups.size());
        }
        return counts;
    }

    /** Every instance with a public address, and every load balancer: where they are reached on this computer. */
    List<SandboxReachability.Address> addresses() {
        return reachability.all();
    }

    /** The process id of an instance's web service, or 0 (for tests). */
    long webPid(String instanceId) {
        InstanceHost host = cloud.host(instanceId);
        return host == null ? 0 : host.webPid();
    }

    /**
     * Runs a background loop: one failed pass must not stop it (the next pass retries), and is
     * logged, so {@code status} can say something failed and the log says why. What a pass
     * changed is saved at once.
     */
    private void every(String loop, long millis, Runnable task) {
        every(loop, millis, task, true);
    }

    private void every(String loop, long millis, Runnable task, boolean save) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "the sandbox's " + loop + " loop failed a pass; it goes on", e);
            }
            if (save) {
                cloud.persist();
            }
        }, millis, Math.max(50, millis), TimeUnit.MILLISECONDS);
    }

    private void provisionLoadBalancers() {
        long provisioning = config.timings().loadBalancerProvisioning().toMillis();
        synchronized (cloud) {
            for (CloudState.LoadBalancer lb : cloud.state.loadBalancers.values()) {
                if ("provisioning".equals(lb.state)
                        && System.currentTimeMillis() - java.time.Instant.parse(lb.created).toEpochMilli() >= provisioning) {
                    lb.state = "active";
                }
            }
        }
    }

    /** Where the resources are kept: {@code stateDir/sandbox/state.json}. */
    static Path stateFile(SandboxConfig config) {
        return config.home().resolve("state.json");
    }

    /** Ends every process and server of the sandbox and saves its state (when {@code keepState}). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        if (api != null) {
            api.close();
        }
        cloud.persist(); // logs a failure: the processes must end even when the disk is full
        loadBalancing.close();
        cloud.close();
        lock.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook itself
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // closing at JVM exit: nothing left to tell
        }
    }
}
