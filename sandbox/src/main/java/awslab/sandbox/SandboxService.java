package awslab.sandbox;

import awslab.logging.Background;
import awslab.learnerlab.LearnerLab;
import awslab.logging.LogBook;
import awslab.state.Damage;
import awslab.state.StateFiles;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox as a local cloud service: a process of its own, one per state directory, on a fixed
 * port, that outlives the shell that started it — as instances on AWS outlive the console —
 * until it is stopped ({@code POST /awslab/stop}, SIGTERM) or nobody used it for
 * {@code idleStop}. Either way its state is saved, its instances' processes end, and the next
 * start brings them back. While it runs, {@code stateDir/sandbox/endpoint.json} says where
 * (see {@link EndpointFile}); clients find it with {@link SandboxClient}.
 *
 * <pre>
 * SandboxService service = SandboxService.start(new SandboxService.Options(config, Duration.ofHours(2), true), logs);
 * service.awaitStop();   // until stopped or idle
 * </pre>
 */
public final class SandboxService {
    /** The sandbox's port unless told otherwise: outside the ports emulators use by habit (LocalStack 4566, Moto 5000). */
    public static final int DEFAULT_PORT = 4599;
    /** How long without use before it stops by itself: a lab session's length, so it never stops in the middle of one. */
    public static final Duration DEFAULT_IDLE_STOP = Duration.ofHours(2);
    private static final System.Logger LOG = System.getLogger(SandboxService.class.getName());

    /**
     * @param config        the sandbox (its {@code port}: the one wanted, 0 for any)
     * @param idleStop      how long without use before it stops by itself; zero: never
     * @param anyPortIfBusy when the wanted port is taken by another program, listen on any free one rather than fail
     */
    public record Options(SandboxConfig config, Duration idleStop, boolean anyPortIfBusy) {}

    private final Options options;
    private final Sandbox sandbox;
    private final LogBook logs;
    private final List<Damage> damaged;
    private final boolean fresh;
    private final Instant started = Instant.now();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService idleWatch = Executors.newSingleThreadScheduledExecutor(Background.threads("sandbox-idle"));
    private final Thread shutdownHook = new Thread(this::stop, "sandbox-service-shutdown");

    private SandboxService(Options options, Sandbox sandbox, LogBook logs, List<Damage> damaged, boolean fresh) {
        this.options = options;
        this.sandbox = sandbox;
        this.logs = logs;
        this.damaged = damaged;
        this.fresh = fresh;
    }

    /**
     * Starts the service: the sandbox (or {@link Sandbox.Busy} when one already runs on this
     * state directory), its control calls, its endpoint file and its idle watch.
     *
     * @param logs this process's logs, for the problems {@code status} reports
     */
    public static SandboxService start(Options options, LogBook logs) throws IOException {
        SandboxConfig config = options.config();
        List<Damage> damaged = new CopyOnWriteArrayList<>();
        StateFiles files = new StateFiles(damage -> {
            damaged.add(damage);
            LOG.log(System.Logger.Level.WARNING, "{0} was damaged ({1}): kept as {2}; the sandbox starts with an empty account",
                    damage.file(), damage.reason(), damage.keptAs());
        });
        boolean fresh = !Files.exists(Sandbox.stateFile(config));
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config, files);
        } catch (BindException e) {
            if (!options.anyPortIfBusy() || config.port() == 0) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "port " + config.port() + " is taken by another program: the sandbox listens on another");
            sandbox = Sandbox.start(config.withPort(0), files);
        }
        SandboxService service = new SandboxService(options, sandbox, logs, damaged, fresh);
        sandbox.mount(ControlApi.PATH, new ControlApi(service));
        EndpointFile.write(config.home(), new EndpointFile.Entry(ProcessHandle.current().pid(), sandbox.endpoint().toString(),
                config.stateDir().toAbsolutePath().toString(), SandboxClient.build()));
        Runtime.getRuntime().addShutdownHook(service.shutdownHook);
        sandbox.touch(); // idle from now on, not from before its start
        service.watchIdle();
        LOG.log(System.Logger.Level.INFO, "sandbox serving " + config.stateDir() + " at " + sandbox.endpoint());
        return service;
    }

    private void watchIdle() {
        Duration idle = options.idleStop();
        if (idle.isZero() || idle.isNegative()) {
            return;
        }
        long every = Math.max(200, Math.min(30_000, idle.toMillis() / 20));
        idleWatch.scheduleWithFixedDelay(() -> {
            long unused = System.currentTimeMillis() - sandbox.lastActivity();
            if (unused >= idle.toMillis() && !sandbox.sshSessionsOpen()) {
                LOG.log(System.Logger.Level.INFO, "no use for " + idle + ": the sandbox stops (its state is saved)");
                stop();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Blocks until the service stops (asked to, idle, or the process ends). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Saves the state, ends every instance's processes, removes the endpoint file; idempotent. */
    public void stop() {
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            idleWatch.shutdown(); // not an interrupt: when the watch itself stops the sandbox, closing must not be cut short
            EndpointFile.remove(options.config().home(), ProcessHandle.current().pid());
            sandbox.close();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook
        }
    }

    /** What {@code GET /awslab/status} answers. */
    ServiceStatus status() {
        SandboxConfig config = sandbox.config();
        SandboxTimings timings = config.timings();
        var problems = logs == null ? java.util.Optional.<LogBook.Problems>empty() : logs.problems();
        return new ServiceStatus(ProcessHandle.current().pid(), sandbox.endpoint().toString(), options.config().port(),
                config.stateDir().toAbsolutePath().toString(), SandboxClient.build(), started.toString(),
                Instant.ofEpochMilli(sandbox.lastActivity()).toString(), options.idleStop().toSeconds(), fresh, sandbox.census(),
                damaged.stream().map(d -> new ServiceStatus.Damaged(d.file().toString(), d.keptAs().toString(), d.reason())).toList(),
                problems.map(LogBook.Problems::count).orElse(0), problems.map(p -> p.since().toString()).orElse(null),
                logs == null ? null : logs.file().toString(), sandbox.labKeyFile().toString(),
                Sandbox.stateFile(config).toString(),
                new ServiceStatus.Pace(timings.metricPeriod().toSeconds(), timings.scaleOutAfter().toSeconds(),
                        timings.scaleInAfter().toSeconds(), LearnerLab.MAX_RUNNING_INSTANCES));
    }

    /** Where the service's home is: {@code stateDir/sandbox}. */
    Path home() {
        return options.config().home();
    }
}
