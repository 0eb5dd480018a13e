package awslab.fleet;

import awslab.api.UserException;
import awslab.api.AwsClients;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the fleet commands need from the rest of the shell: part 1's launch settings, the SSH
 * busy-loop runner, the CPU metrics source and the polling pace. The composition root builds
 * one and gives it to the fleet commands' constructors; tests build their own.
 *
 * <pre>
 * FleetWiring wiring = FleetWiring.defaults()
 *         .withLaunchSpecs(new LabLaunchSpecs(stateDir))
 *         .withBusyLoop(new SshBusyLoop(ctx));
 * new FleetCommand(wiring);
 * </pre>
 */
public record FleetWiring(
        LaunchSpecProvider launchSpecs,
        BusyLoopRunner busyLoop,
        Function<AwsClients, CpuMetrics> cpuMetrics,
        Supplier<Pacer> pacer) {

    /** Polling AWS every 5 s: quick enough to see changes, far below API rate limits. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    public FleetWiring {
        Objects.requireNonNull(launchSpecs, "launchSpecs");
        Objects.requireNonNull(busyLoop, "busyLoop");
        Objects.requireNonNull(cpuMetrics, "cpuMetrics");
        Objects.requireNonNull(pacer, "pacer");
    }

    /** CloudWatch metrics and a 5 s pace; no launch spec nor busy loop until the shell wires them. */
    public static FleetWiring defaults() {
        return new FleetWiring(
                (clients, progress) -> {
                    throw new UserException("err.fleet.notWired", "LaunchSpecProvider");
                },
                new BusyLoopRunner() {
                    @Override
                    public void start(String instanceId, Duration limit) {
                        throw new UserException("err.fleet.notWired", "BusyLoopRunner");
                    }

                    @Override
                    public void stop(String instanceId) {
                        throw new UserException("err.fleet.notWired", "BusyLoopRunner");
                    }
                },
                clients -> new CloudWatchCpuMetrics(clients.cloudWatch()),
                () -> Pacer.every(POLL_INTERVAL));
    }

    public FleetWiring withLaunchSpecs(LaunchSpecProvider provider) {
        return new FleetWiring(provider, busyLoop, cpuMetrics, pacer);
    }

    public FleetWiring withBusyLoop(BusyLoopRunner runner) {
        return new FleetWiring(launchSpecs, runner, cpuMetrics, pacer);
    }

    public FleetWiring withCpuMetrics(Function<AwsClients, CpuMetrics> metrics) {
        return new FleetWiring(launchSpecs, busyLoop, metrics, pacer);
    }

    public FleetWiring withPacer(Supplier<Pacer> newPacer) {
        return new FleetWiring(launchSpecs, busyLoop, cpuMetrics, newPacer);
    }
}
