package awslab.sandbox;

import awslab.logging.Background;
import awslab.learnerlab.LearnerLab;
import awslab.state.StateFiles;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox cloud's engine: the state the API describes, and the instances' real machines
 * ({@link InstanceHost}). State changes happen under this object's lock and answer at once, as
 * AWS does; the slow parts (starting a JVM, waiting for it) run on worker threads that move
 * the instance on to its next state when they are done.
 *
 * <p>Every change is saved (through {@link StateStore}) before the call that made it is
 * answered, and after each background pass: {@link #persist()}. The last call's time is kept for
 * the idle stop: {@link #touch()}.
 *
 * <pre>
 * Cloud cloud = new Cloud(config, new CloudState(), null);   // null: nothing saved
 * List&lt;Instance&gt; launched = cloud.runInstances(spec, 1, 1);
 * cloud.persist();
 * </pre>
 */
final class Cloud implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cloud.class.getName());
    static final Map<String, Integer> STATE_CODES = Map.of("pending", 0, "running", 16, "shutting-down", 32,
            "terminated", 48, "stopping", 64, "stopped", 80);
    /** How long a new web service may take to answer {@code /health} before it is left running anyway. */
    static final Duration BOOT_WAIT = Duration.ofSeconds(60);

    final SandboxConfig config;
    final CloudState state;
    /** Where the state is saved, or null when nothing is kept between runs. */
    private final StateStore store;
    private final Map<String, InstanceHost> hosts = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(Background.threads("sandbox-instance"));
    private final Random random = new Random();
    private final ProcessReaper reaper;
    private final AtomicLong lastActivity = new AtomicLong(System.currentTimeMillis());
    private final Consoles consoles = new Consoles();
    private volatile boolean closed;

    /** What RunInstances (or a group's launch) asks for, already resolved from a launch template. */
    record LaunchSpec(CloudRegion region, String imageId, String instanceType, String keyName, String subnetId,
            List<String> securityGroupIds, String userData, String httpTokens, Map<String, String> tags, String launchTemplateId,
            String launchTemplateVersion, String groupName) {}

    /** One instance's state change, as StopInstances and friends report it. */
    record Change(String instanceId, String previous, String current) {}

    Cloud(SandboxConfig config, CloudState state, StateStore store) {
        this.config = config;
        this.state = state;
        this.store = store;
        this.reaper = ProcessReaper.start(OrphanSweep.marker(config.home()));
        ensureAccountDefaults();
    }

    /** Someone used the sandbox (an API call, a request to a load balancer): it is not idle. */
    void touch() {
        lastActivity.set(System.currentTimeMillis());
    }

    /** When the sandbox was last used, in epoch milliseconds. */
    long lastActivity() {
        return lastActivity.get();
    }

    /**
     * Saves the state if it changed since the last save: before any answer to a call, and after
     * each background pass. Never call it holding this object's lock (it takes it to render).
     * A save that fails is logged; the sandbox goes on (and saves again at the next change).
     */
    void persist() {
        if (store == null) {
            return;
        }
        try {
            store.saveIfChanged(() -> {
                synchronized (this) {
                    return StateStore.render(state);
                }
            });
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "the sandbox could not save its state in " + store.file(), e);
        }
    }

    /** True while someone is logged in to an instance over SSH: the sandbox is in use. */
    boolean sshSessionsOpen() {
        return hosts.values().stream().anyMatch(InstanceHost::sshSessionsOpen);
    }

    /** What a fresh Learner Lab account has: the {@code vockey} key pair (its PEM on disk) and the default group. */
    private synchronized void ensureAccountDefaults() {
        Path pem = labKeyFile(config);
        if (state.keyPair(CloudRegion.US_EAST_1, "vockey") == null || !Files.exists(pem)) {
            KeyMaterial key = KeyMaterial.generate();
            CloudState.KeyPair vockey = new CloudState.KeyPair();
            vockey.name = "vockey";
            vockey.region = CloudRegion.US_EAST_1.name();
            vockey.id = CloudState.newId("key-");
            vockey.publicKey = key.publicLine();
            vockey.fingerprint = key.fingerprint();
            vockey.created = now();
            state.keyPairs.values().removeIf(k -> CloudRegion.US_EAST_1.holds(k.region) && "vockey".equals(k.name));
            state.keyPairs.put(vockey.id, vockey);
            writePrivateKey(pem, key.privatePem());
        }
        for (CloudRegion region : CloudRegion.ALL) {
            if (!state.securityGroups.containsKey(region.defaultSecurityGroupId())) {
                state.securityGroups.put(region.defaultSecurityGroupId(), defaultGroup(region));
            }
        }
    }

    /** A default VPC's {@code default} group: all traffic from its own members, as AWS creates it. */
    private static CloudState.SecurityGroup defaultGroup(CloudRegion region) {
        CloudState.SecurityGroup group = new CloudState.SecurityGroup();
        group.id = region.defaultSecurityGroupId();
        group.region = region.name();
        group.vpcId = region.vpcId();
        group.name = "default";
        group.description = "default VPC security group";
        CloudState.Rule itself = new CloudState.Rule();
        itself.protocol = "-1";
        itself.groupIds.add(group.id);
        group.ingress.add(itself);
        return group;
    }

    /** Where the {@code vockey} private key is written: {@code stateDir/sandbox/labsuser.pem}. */
    static Path labKeyFile(SandboxConfig config) {
        return config.home().resolve("labsuser.pem");
    }

    static void writePrivateKey(Path file, String pem) {
        StateFiles.write(file, pem, StateFiles.Access.OWNER_ONLY);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // ---- instances -------------------------------------------------------------------------

    /**
     * Checks a launch as AWS would (image, type, key pair, groups, subnet, the Learner Lab cap, all in
     * the spec's region) without changing anything; the number of instances that may start.
     */
    synchronized int checkLaunch(LaunchSpec spec, int min, int max) {
        CloudRegion region = spec.region();
        if (!region.imageId().equals(spec.imageId())) {
            throw AwsError.notFound("InvalidAMIID.NotFound", "The image id '[" + spec.imageId() + "]' does not exist");
        }
        InstanceTypes.checkLaunch(spec.instanceType(), region);
        if (spec.keyName() != null && state.keyPair(region, spec.keyName()) == null) {
            throw AwsError.notFound("InvalidKeyPair.NotFound", "The key pair '" + spec.keyName() + "' does not exist");
        }
        for (String group : spec.securityGroupIds()) {
            CloudState.SecurityGroup found = state.securityGroups.get(group);
            if (found == null || !region.holds(found.region)) {
                throw AwsError.notFound("InvalidGroup.NotFound", "The security group '" + group + "' does not exist");
            }
        }
        if (spec.subnetId() != null) {
            region.zoneOfSubnet(spec.subnetId());
        }
        if (min < 1 || max < min) {
            throw AwsError.badRequest("InvalidParameterValue", "MinCount and MaxCount must be at least 1, MinCount <= MaxCount");
        }
        int room = LearnerLab.MAX_RUNNING_INSTANCES - activeCount(region);
        if (room < min) {
            throw AwsError.badRequest("InstanceLimitExceeded", "Your quota allows for " + Math.max(0, room)
                    + " more running instance(s). You requested at least " + min
                    + " (the sandbox keeps the Learner Lab limit of " + LearnerLab.MAX_RUNNING_INSTANCES + " running instances"
                    + " per region).");
        }
        return Math.min(max, room);
    }

    synchronized List<Instance> runInstances(LaunchSpec spec, int min, int max) {
        int count = checkLaunch(spec, min, max);
        CloudRegion region = spec.region();
        Zone zone = spec.subnetId() == null ? region.zones().get(0) : region.zoneOfSubnet(spec.subnetId());
        List<Instance> launched = new ArrayList<>();
        String reservation = CloudState.newId("r-");
        for (int i = 0; i < count; i++) {
            Instance instance = new Instance();
            instance.id = CloudState.newId("i-");
            instance.region = region.name();
            instance.reservationId = reservation;
            instance.imageId = spec.imageId();
            instance.instanceType = spec.instanceType();
            instance.keyName = spec.keyName();
            instance.zone = zone.name();
            instance.subnetId = zone.subnetId();
            instance.privateIp = "172.31." + (zone.privateOctet() + random.nextInt(15)) + "." + (4 + random.nextInt(250));
            instance.launchTime = now();
            instance.userData = spec.userData();
            instance.httpTokens = spec.httpTokens() == null ? "optional" : spec.httpTokens();
            instance.launchTemplateId = spec.launchTemplateId();
            instance.launchTemplateVersion = spec.launchTemplateVersion();
            instance.groupName = spec.groupName();
            instance.securityGroupIds.addAll(spec.securityGroupIds().isEmpty()
                    ? List.of(region.defaultSecurityGroupId()) : spec.securityGroupIds());
            instance.tags.putAll(spec.tags());
            state.instances.put(instance.id, instance);
            launched.add(instance);
            boot(instance);
        }
        return launched;
    }

    /** Instances that count against the Learner Lab limit of the region. */
    synchronized int activeCount(CloudRegion region) {
        return (int) state.instances.values().stream()
                .filter(i -> region.holds(i.region) && ("pending".equals(i.state) || "running".equals(i.state))).count();
    }

    synchronized Instance instance(String id) {
        Instance instance = state.instances.get(id);
        if (instance == null) {
            throw AwsError.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return instance;
    }

    /** An instance of the region, or EC2's not-found error (an instance of another region is not found either). */
    synchronized Instance instance(CloudRegion region, String id) {
        Instance instance = state.instances.get(id);
        if (instance == null || !region.holds(instance.region)) {
            throw AwsError.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return instance;
    }

    synchronized List<Change> stop(List<String> ids) {
        ids.forEach(this::instance);
        List<Change> changes = new ArrayList<>();
        for (String id : ids) {
            Instance instance = instance(id);
            String previous = instance.state;
            if ("terminated".equals(previous) || "shutting-down".equals(previous)) {
                throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be stopped.");
            }
            if ("running".equals(previous) || "pending".equals(previous)) {
                instance.state = "stopping";
                releaseAddress(instance); // AWS releases the public address on stop
                InstanceHost host = hosts.get(id);
                consoles.shuttingDown(id);
                transition(id, "stopping", "stopped", () -> {
                    if (host != null) {
                        host.halt();
                    }
                }, config.timings().stopping(), false);
            }
            changes.add(new Change(id, previous, instance.state));
        }
        return changes;
    }

    synchronized List<Change> start(List<String> ids) {
        ids.forEach(this::instance);
        long starting = ids.stream().filter(id -> "stopped".equals(instance(id).state)).count();
        CloudRegion region = ids.isEmpty() ? CloudRegion.US_EAST_1 : CloudRegion.of(instance(ids.get(0)).region);
        if (activeCount(region) + starting > LearnerLab.MAX_RUNNING_INSTANCES) {
            throw AwsError.badRequest("InstanceLimitExceeded", "Starting " + starting + " instance(s) would exceed the Learner Lab limit of "
                    + LearnerLab.MAX_RUNNING_INSTANCES + " running instances.");
        }
        List<Change> changes = new ArrayList<>();
        for (String id : ids) {
            Instance instance = instance(id);
            String previous = instance.state;
            if ("stopping".equals(previous) || "terminated".equals(previous) || "shutting-down".equals(previous)) {
                throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be started.");
            }
            if ("stopped".equals(previous)) {
                boot(instance);
            }
            changes.add(new Change(id, previous, instance.state));
        }
        return changes;
    }

    synchronized void reboot(List<String> ids) {
        ids.forEach(this::instance);
        for (String id : ids) {
            if ("running".equals(instance(id).state)) {
                InstanceHost host = hosts.get(id);
                consoles.shuttingDown(id);
                consoles.booting(id);
                workers.submit(() -> {
                    try {
                        consoles.booted(id, host.restartService(BOOT_WAIT), host.publicWebPort(), host.serviceLog(),
                                host.hostKeyFingerprints());
                    } catch (IOException | RuntimeException e) {
                        // the instance stays running with its service down, as a broken boot would
                        LOG.log(System.Logger.Level.WARNING, id + ": the reboot could not restart the web service", e);
                    }
                });
            }
        }
    }

    synchronized List<Change> terminate(List<String> ids) {
        ids.forEach(this::instance);
        List<Change> changes = new ArrayList<>();
        for (String id : ids) {
            Instance instance = instance(id);
            String previous = instance.state;
            if (!"terminated".equals(previous) && !"shutting-down".equals(previous)) {
                instance.state = "shutting-down";
                releaseAddress(instance);
                InstanceHost host = hosts.remove(id);
                transition(id, "shutting-down", "terminated", () -> {
                    if (host != null) {
                        host.close();
                    }
                    deleteTree(config.home().resolve("instances").resolve(id)); // a terminated instance's disk is gone
                }, config.timings().shuttingDown(), false);
            }
            changes.add(new Change(id, previous, instance.state));
        }
        return changes;
    }

    /**
     * Moves an instance to pending with a public address (a new one, unless it is resumed with the
     * one it had), and boots its machine in the background.
     */
    private void boot(Instance instance) {
        instance.state = "pending";
        instance.stateReason = null;
        if (instance.publicIp == null) {
            instance.publicIp = freePublicIp(instance.previousPublicIp);
        }
        String id = instance.id;
        InstanceHost host = hosts.computeIfAbsent(id, this::newHost);
        int web = port(instance.webPort);
        int ssh = port(instance.sshPort);
        consoles.booting(id);
        // Running with a broken service is what AWS would show too; the log and the console say why.
        transition(id, "pending", "running", () -> {
            host.prepare(web, ssh);
            recordPorts(id, host);
            consoles.booted(id, host.startService(BOOT_WAIT), host.publicWebPort(), host.serviceLog(), host.hostKeyFingerprints());
        }, config.timings().pending(), true);
    }

    /** A public address given up (stop, terminate): the loopback ports that stood for it go with it. */
    private static void releaseAddress(Instance instance) {
        if (instance.publicIp != null) {
            instance.previousPublicIp = instance.publicIp;
        }
        instance.publicIp = null;
        instance.webPort = null;
        instance.sshPort = null;
    }

    private static int port(Integer saved) {
        return saved == null ? 0 : saved;
    }

    /** Keeps the loopback ports the student reaches an instance's machine on, while it has the address they stand for. */
    private synchronized void recordPorts(String id, InstanceHost host) {
        Instance instance = state.instances.get(id);
        if (instance != null && instance.publicIp != null && hosts.get(id) == host) {
            instance.webPort = host.publicWebPort();
            instance.sshPort = host.publicSshPort();
        }
    }

    /** The machine work of a transition; any failure is the transition's to log. */
    private interface MachineWork {
        void run() throws Exception;
    }

    /**
     * An asynchronous transition (pending→running, stopping→stopped, shutting-down→terminated):
     * does the machine's work in the background, then settles the instance in {@code to} after
     * {@code pace} (counted from the start when {@code paceIncludesWork}, else after the work).
     * It settles even when the work failed, as AWS settles an instance whatever its host did: a
     * failure is logged and kept as the instance's state reason, never a "stopping" forever.
     */
    private void transition(String id, String from, String to, MachineWork work, Duration pace, boolean paceIncludesWork) {
        workers.submit(() -> {
            Instant began = Instant.now();
            String failure = null;
            try {
                work.run();
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.log(System.Logger.Level.WARNING, id + ": " + from + " to " + to + " failed on its machine; settled as "
                        + to + " all the same", e);
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            sleep(paceIncludesWork ? pace.minus(Duration.between(began, Instant.now())) : pace);
            settle(id, from, to, failure);
            persist();
        });
    }

    private InstanceHost newHost(String id) {
        Path dir = config.home().resolve("instances").resolve(id);
        return new InstanceHost(id, dir, config.webappMainClass(), () -> metadata(id),
                () -> "required".equals(tokens(id)), () -> authorizedKey(id), port -> admitsStudent(id, port), reaper);
    }

    private synchronized void settle(String id, String from, String to, String failure) {
        Instance instance = state.instances.get(id);
        if (instance != null && from.equals(instance.state) && !closed) {
            instance.state = to;
            if (failure != null) {
                instance.stateReason = "Server.InternalError: " + failure;
            }
        }
    }

    private synchronized Map<String, String> metadata(String id) {
        Instance instance = state.instances.get(id);
        Map<String, String> values = new LinkedHashMap<>();
        if (instance == null) {
            return values;
        }
        CloudRegion region = CloudRegion.of(instance.region);
        values.put("ami-id", instance.imageId);
        values.put("hostname", "ip-" + instance.privateIp.replace('.', '-') + "." + region.privateDnsSuffix());
        values.put("instance-id", instance.id);
        values.put("instance-type", instance.instanceType);
        values.put("local-ipv4", instance.privateIp);
        values.put("placement/availability-zone", instance.zone);
        values.put("placement/region", region.name());
        values.put("public-ipv4", instance.publicIp);
        return values;
    }

    /** Whether the instance's security groups let the student's machine in on {@code port}. */
    synchronized boolean admitsStudent(String id, int port) {
        Instance instance = state.instances.get(id);
        return instance != null && Firewall.admits(state, instance.securityGroupIds, port, Firewall.Source.STUDENT);
    }

    private synchronized String tokens(String id) {
        Instance instance = state.instances.get(id);
        return instance == null ? "required" : instance.httpTokens;
    }

    private synchronized PublicKey authorizedKey(String id) {
        Instance instance = state.instances.get(id);
        CloudState.KeyPair key = instance == null || instance.keyName == null ? null
                : state.keyPair(CloudRegion.of(instance.region), instance.keyName);
        return key == null ? null : KeyMaterial.parsePublic(key.publicKey);
    }

    /** A public IP no instance holds, and not {@code previous} (an instance started again gets a new one). */
    private String freePublicIp(String previous) {
        Set<String> used = new HashSet<>();
        state.instances.values().forEach(i -> used.add(i.publicIp));
        used.add(previous);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String ip = (random.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + random.nextInt(254));
            if (!used.contains(ip)) {
                return ip;
            }
        }
        throw AwsError.badRequest("AddressLimitExceeded", "No public address left in the sandbox");
    }

    /** An instance's serial console (GetConsoleOutput), or empty before its first boot in this sandbox. */
    String consoleOutput(String id) {
        return consoles.output(id);
    }

    /** The machine of an instance, while it has one. */
    InstanceHost host(String id) {
        return hosts.get(id);
    }

    Map<String, InstanceHost> hosts() {
        return hosts;
    }

    /**
     * Brings back the machines of the instances that were running when the sandbox last stopped
     * (or was killed): nobody stopped them, so on AWS they would have gone on running — they stay
     * {@code running}, with the same public IP and, where still free, the same local ports. Their
     * SSH servers listen before this returns (a one-shot {@code ssh} may come at once); their web
     * services start in the background. An instance caught stopping or shutting down is stopped
     * or terminated (what it was told it would be); instances terminated in an earlier run are
     * gone, as AWS forgets them after about an hour, and so are their disks.
     */
    synchronized void resume() {
        state.instances.values().removeIf(i -> "terminated".equals(i.state));
        for (Instance instance : state.instances.values()) {
            switch (instance.state) {
                case "pending" -> boot(instance);
                case "running" -> resumeMachine(instance);
                case "stopping" -> instance.state = "stopped";
                case "shutting-down" -> instance.state = "terminated";
                default -> { }
            }
        }
        forgetDisksOfGoneInstances();
    }

    private void forgetDisksOfGoneInstances() {
        Path disks = config.home().resolve("instances");
        if (!Files.isDirectory(disks)) {
            return;
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(disks)) {
            dirs.filter(dir -> {
                Instance instance = state.instances.get(dir.getFileName().toString());
                return instance == null || "terminated".equals(instance.state);
            }).forEach(Cloud::deleteTree);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not list " + disks, e);
        }
    }

    private void resumeMachine(Instance instance) {
        String id = instance.id;
        InstanceHost host = hosts.computeIfAbsent(id, this::newHost);
        try {
            host.prepare(port(instance.webPort), port(instance.sshPort));
            instance.webPort = host.publicWebPort();
            instance.sshPort = host.publicSshPort();
        } catch (IOException | RuntimeException e) {
            failedResume(id, e);
            return;
        }
        consoles.booting(id);
        workers.submit(() -> {
            try {
                consoles.booted(id, host.startService(BOOT_WAIT), host.publicWebPort(), host.serviceLog(), host.hostKeyFingerprints());
            } catch (IOException | RuntimeException e) {
                failedResume(id, e);
            }
        });
    }

    /** As a failed boot: the instance stays running (AWS would show it so), the reason kept and logged. */
    private synchronized void failedResume(String id, Exception e) {
        LOG.log(System.Logger.Level.WARNING, id + ": its machine could not be brought back; it stays running without it", e);
        Instance instance = state.instances.get(id);
        if (instance != null) {
            instance.stateReason = "Server.InternalError: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a file still open elsewhere: the directory stays, harmless
        }
    }

    static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every instance's processes and servers; the state stays as it was for saving. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        workers.shutdownNow();
        hosts.values().forEach(InstanceHost::close);
        hosts.clear();
        reaper.close();
    }
}
