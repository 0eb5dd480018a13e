package awslab.sandbox;

import awslab.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
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
    private boolean closed;

    private Sandbox(SandboxConfig config, CloudState state) throws IOException {
        this.config = config;
        this.cloud = new Cloud(config, state);
        this.loadBalancing = new LoadBalancing(cloud);
        this.autoScaling = new AutoScaling(cloud);
        this.reachability = new SandboxReachability(cloud, loadBalancing);
        this.scheduler = Executors.newScheduledThreadPool(3, Cloud.daemon("sandbox-control"));
        this.shutdownHook = new Thread(this::closeQuietly, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (CloudState.LoadBalancer lb : state.loadBalancers.values()) {
                loadBalancing.open(lb);
            }
            cloud.resume();
            this.api = ApiServer.start(cloud, loadBalancing, autoScaling, config.port());
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        SandboxTimings timings = config.timings();
        every("reconcile", timings.reconcileInterval().toMillis(), autoScaling::reconcile);
        every("health check", timings.healthCheckInterval().toMillis(), loadBalancing::checkHealth);
        every("load balancer provisioning", timings.healthCheckInterval().toMillis(), this::provisionLoadBalancers);
        every("metrics", timings.metricPeriod().toMillis(), autoScaling::measure);
        if (config.keepState()) {
            every("save", 5000, this::save);
        }
    }

    /**
     * Starts the sandbox: restores the saved resources when {@code keepState}, brings running
     * instances back. A damaged state file is set aside and reported through {@code files}.
     */
    public static Sandbox start(SandboxConfig config, StateFiles files) throws IOException {
        Files.createDirectories(config.home());
        CloudState state = config.keepState() ? StateStore.load(files, stateFile(config)) : new CloudState();
        return new Sandbox(config, state);
    }

    /** Starts the sandbox; a damaged state file is set aside and logged. */
    public static Sandbox start(SandboxConfig config) throws IOException {
        return start(config, new StateFiles(damage -> LOG.log(System.Logger.Level.WARNING,
                "{0} was damaged ({1}): kept as {2}; the sandbox starts with an empty account",
                damage.file(), damage.reason(), damage.keptAs())));
    }

    /** Forgets every sandbox resource (a fresh account next start). Call it while no sandbox runs on this directory. */
    public static void reset(Path stateDir) throws IOException {
        Path home = stateDir.resolve("sandbox");
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
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

    /** The process id of an instance's web service, or 0 (for tests). */
    long webPid(String instanceId) {
        InstanceHost host = cloud.host(instanceId);
        return host == null ? 0 : host.webPid();
    }

    /**
     * Runs a background loop: one failed pass must not stop it (the next pass retries), and is
     * logged, so {@code status} can say something failed and the log says why.
     */
    private void every(String loop, long millis, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "the sandbox's " + loop + " loop failed a pass; it goes on", e);
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

    private static Path stateFile(SandboxConfig config) {
        return config.home().resolve("state.json");
    }

    private void save() {
        synchronized (cloud) {
            StateStore.save(stateFile(config), cloud.state);
        }
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
        if (config.keepState()) {
            try {
                save();
            } catch (UncheckedIOException e) {
                // the processes must end even when the disk is full
                LOG.log(System.Logger.Level.WARNING, "the sandbox could not save its state at close", e);
            }
        }
        loadBalancing.close();
        cloud.close();
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
