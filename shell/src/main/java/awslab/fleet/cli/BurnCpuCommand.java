package awslab.fleet.cli;

import awslab.api.GroupNames;
import awslab.api.InstanceNames;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.fleet.BusyLoopRunner;
import awslab.fleet.CpuChart;
import awslab.fleet.CpuMetrics;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.fleet.FleetWiring;
import awslab.fleet.ScaleMonitor;
import awslab.i18n.AwsWord;
import awslab.lab.LabNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code burn-cpu [INSTANCE|--all] [--minutes N] [--stop]}: the lab's busy loop on fleet
 * instances, bounded in time, then a live view of CPU, capacity and scaling activity until the
 * group scales out.
 *
 * <pre>
 * burn-cpu --all --minutes 10
 * burn-cpu --stop
 * </pre>
 */
@Command(name = "burn-cpu")
public final class BurnCpuCommand extends BaseCommand {
    static final int MAX_MINUTES = 30;
    static final int BAR_WIDTH = 20;

    private final FleetWiring wiring;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.burn-cpu.param.instance",
            completionCandidates = InstanceNames.class)
    String instanceId;

    @Option(names = "--all", descriptionKey = "help.burn-cpu.option.all")
    boolean all;

    @Option(names = "--minutes", defaultValue = "10", descriptionKey = "help.burn-cpu.option.minutes")
    int minutes;

    @Option(names = "--stop", descriptionKey = "help.burn-cpu.option.stop")
    boolean stop;

    @Option(names = "--group-name", defaultValue = LabNames.AUTO_SCALING_GROUP,
            descriptionKey = "help.burn-cpu.option.group-name", completionCandidates = GroupNames.class)
    String groupName;

    @Option(names = "--no-watch", descriptionKey = "help.burn-cpu.option.no-watch")
    boolean noWatch;

    public BurnCpuCommand(FleetWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    protected int doCall() {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new UserException("err.burn.minutes", minutes, MAX_MINUTES);
        }
        if (all && instanceId != null) {
            throw new UserException("err.burn.instanceAndAll");
        }
        FleetStatus status = new FleetInspector(ctx().clients()).inspect(groupName)
                .orElseThrow(() -> new UserException("err.fleet.group.unknown", groupName));
        List<String> targets = targets(status);
        BusyLoopRunner runner = wiring.busyLoop();
        if (stop) {
            targets.forEach(id -> {
                runner.stop(id);
                say("msg.burn.stopped", id);
            });
            return 0;
        }
        Duration limit = Duration.ofMinutes(minutes);
        List<String> started = new ArrayList<>();
        try {
            for (String id : targets) {
                runner.start(id, limit);
                started.add(id);
                say("msg.burn.started", id, minutes);
            }
            say("msg.burn.why", status.min(), status.max());
            if (noWatch) {
                return 0;
            }
            CpuMetrics metrics = wiring.cpuMetrics().apply(ctx().clients());
            ScaleMonitor.Outcome outcome = new ScaleMonitor(ctx().clients(), metrics, wiring.pacer().get())
                    .watch(groupName, limit, this::render);
            say(outcome.scaledOut() ? "msg.burn.scaledOut" : "msg.burn.notYet", outcome.elapsed().toSeconds(),
                    outcome.startDesired(), outcome.endDesired());
            return outcome.scaledOut() ? 0 : 1;
        } catch (RuntimeException e) {
            if (started.isEmpty() || !(Interruption.causedBy(e) || Thread.currentThread().isInterrupted())) {
                throw e;
            }
            throw stopped(runner, started, e);
        }
    }

    /** Ctrl-C: the loads this command started are stopped before the shell says so. */
    private Interruption stopped(BusyLoopRunner runner, List<String> started, RuntimeException cause) {
        Thread.interrupted(); // stopping takes SSH connections of its own
        List<String> stopped = new ArrayList<>();
        for (String id : started) {
            try {
                runner.stop(id);
                stopped.add(id);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (stopped.size() < started.size()) {
            return new Interruption(cause, "msg.interrupted.burn.partly", groupName);
        }
        return new Interruption(cause, "msg.interrupted.burn", String.join(", ", stopped));
    }

    /** The instance named, or every in-service instance of the group (one of two at 100 % only averages 50 %). */
    private List<String> targets(FleetStatus status) {
        if (instanceId != null) {
            if (!status.instanceIds().contains(instanceId)) {
                throw new UserException("err.burn.notMember", instanceId, status.groupName());
            }
            return List.of(instanceId);
        }
        List<String> inService = status.members().stream()
                .filter(m -> FleetStatus.IN_SERVICE.equals(m.lifecycle()))
                .map(FleetStatus.Member::instanceId)
                .toList();
        if (inService.isEmpty()) {
            throw new UserException("err.burn.noInstance", status.groupName());
        }
        return inService;
    }

    private void render(ScaleMonitor.Snapshot snapshot) {
        FleetStatus status = snapshot.status();
        say("msg.burn.poll", snapshot.elapsedSeconds(), status.desired(), status.inService(), status.max());
        CpuMetrics.CpuReading cpu = snapshot.cpu();
        if (!cpu.available()) {
            say("msg.burn.metricsUnavailable");
        } else {
            String average = cpu.groupAverage().isPresent() ? CpuChart.bar(cpu.groupAverage().getAsDouble(), BAR_WIDTH)
                    : ctx().messages().get("msg.burn.noDatapoint");
            say("msg.burn.average", CpuChart.sparkline(snapshot.averageHistory()), average);
            for (Map.Entry<String, Double> e : cpu.perInstance().entrySet()) {
                say("msg.burn.instanceCpu", e.getKey(), CpuChart.bar(e.getValue(), BAR_WIDTH));
            }
        }
        snapshot.newActivities().forEach(a -> say("msg.burn.activity", a.description(), AwsWord.activity(a.status())));
        ctx().out().flush();
    }

    private void say(String key, Object... args) {
        ctx().out().println(ctx().messages().get(key, args));
    }
}
