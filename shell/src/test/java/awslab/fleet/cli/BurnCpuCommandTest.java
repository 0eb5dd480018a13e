package awslab.fleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.fleet.CloudWatchCpuMetrics;
import awslab.fleet.CpuMetrics;
import awslab.fleet.FleetBuilder;
import awslab.fleet.FleetSettings;
import awslab.fleet.FleetTestAccess;
import awslab.fleet.FleetWiring;
import awslab.fleet.SteppingPacer;
import awslab.i18n.Language;
import awslab.lab.LabNames;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burn-cpu} on a fleet in Moto. Moto's scaling policies never fire and it serves no
 * CloudWatch for the SDK: where the CPU alarm would raise the desired capacity, the test does,
 * between two polls; the CPU comes from a scripted {@link CpuMetrics} (our own seam), or from
 * the real CloudWatch implementation, which says metrics are unavailable on Moto.
 */
class BurnCpuCommandTest {
    @TempDir
    Path stateDir;

    private FleetTestAccess fleet;
    private TestShellContext ctx;
    private final RecordingRunner runner = new RecordingRunner();
    private SteppingPacer pacer;

    @BeforeEach
    void freshFleet() {
        fleet = FleetTestAccess.fresh();
        new FleetBuilder(fleet.clients(), Progress.SILENT).create(FleetSettings.defaults(), fleet.spec());
        ctx = new TestShellContext(Language.EN, fleet.clients(), stateDir);
        pacer = SteppingPacer.every(Duration.ofSeconds(20));
    }

    private CommandRun burn(CpuMetrics metrics, String... args) {
        return CommandRun.run(ctx, new BurnCpuCommand(fleet.wiring(runner, metrics, pacer)), args);
    }

    /** CPU rising by 30 points a poll, as instances running the busy loop would report it. */
    private static CpuMetrics rising() {
        List<Double> averages = new ArrayList<>(List.of(10.0, 40.0, 70.0, 95.0, 99.0, 99.0));
        return (group, ids, window) -> {
            double average = averages.size() > 1 ? averages.remove(0) : averages.get(0);
            Map<String, Double> perInstance = new HashMap<>();
            ids.forEach(id -> perInstance.put(id, average));
            return new CpuMetrics.CpuReading(true, OptionalDouble.of(average), perInstance);
        };
    }

    private void alarmRaisesDesiredCapacityAt(int pause) {
        pacer.at(pause, () -> fleet.clients().autoScaling().setDesiredCapacity(r -> r
                .autoScalingGroupName(LabNames.AUTO_SCALING_GROUP).desiredCapacity(3)));
    }

    @Test
    void loadsEveryInstanceAndShowsTheGroupScalingOut() {
        List<String> members = fleet.members();
        alarmRaisesDesiredCapacityAt(3);
        CommandRun run = burn(rising());

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(members.stream().sorted().map(id -> "start " + id + " 10").toList(),
                runner.calls.stream().sorted().toList());
        String out = run.output();
        assertTrue(out.contains("Busy loop started on " + members.get(0) + "; it stops by itself after 10 min."), out);
        assertTrue(out.contains("3 consecutive one-minute datapoints"), out);
        assertTrue(out.contains("+0\u00a0s  desired 2, in service 2 (max 4)"), out);
        assertTrue(out.contains("  group average ▂  ██░░░░░░░░░░░░░░░░░░  10%"), out);
        assertTrue(out.contains("  group average ▂▄▆  ██████████████░░░░░░  70%"), out);
        assertTrue(out.contains("  " + members.get(1) + "  ████████░░░░░░░░░░░░  40%"), out);
        assertTrue(out.contains("+60\u00a0s  desired 3, in service 3 (max 4)"), out);
        assertTrue(out.contains("After 60 s, the group scaled out: from 2 to 3 desired instances."), out);
    }

    @Test
    void saysWhenTheTargetServesNoMetricsAndStillWatchesCapacity() {
        alarmRaisesDesiredCapacityAt(1);
        CommandRun run = burn(new CloudWatchCpuMetrics(fleet.clients().cloudWatch()), "--minutes", "5");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("CPU metrics unavailable on this target"), run.output());
        assertTrue(run.output().contains("After 20 s, the group scaled out"), run.output());
    }

    @Test
    void givesUpWhenTheLoopEndsWithoutAScaleOut() {
        CommandRun run = burn(rising(), "--minutes", "1");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("No scale-out after 60 s (still 2 desired instances)."), run.output());
        assertEquals(3, pacer.pauses());
    }

    @Test
    void aGroupAlreadyAboveItsMinimumHasNotScaledOutBecauseOfTheLoad() {
        fleet.clients().autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(LabNames.AUTO_SCALING_GROUP).desiredCapacity(3));
        CommandRun run = burn(rising(), "--minutes", "1");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("No scale-out after 60 s (still 3 desired instances)."), run.output());
        assertFalse(run.output().contains("scaled out"), run.output());
    }

    @Test
    void loadsOneInstanceWhenNamedAndStopsOnRequest() {
        String member = fleet.members().get(1);
        assertEquals(0, burn(rising(), member, "--minutes", "3", "--no-watch").exitCode());
        assertEquals(List.of("start " + member + " 3"), runner.calls);
        runner.calls.clear();
        CommandRun stop = burn(rising(), "--stop");
        assertEquals(0, stop.exitCode());
        assertEquals(fleet.members().stream().sorted().map(id -> "stop " + id).toList(),
                runner.calls.stream().sorted().toList());
        assertTrue(stop.output().contains("Busy loop stopped on " + member + "."), stop.output());
    }

    @Test
    void refusesWhatItCannotDo() {
        assertEquals("err.burn.minutes", burn(rising(), "--minutes", "0").errorKey());
        assertEquals("err.burn.minutes", burn(rising(), "--minutes", "31").errorKey());
        assertEquals("err.burn.instanceAndAll", burn(rising(), fleet.members().get(0), "--all").errorKey());
        assertEquals("err.burn.notMember", burn(rising(), "i-0123456789abcdef0").errorKey());
        assertEquals("err.fleet.group.unknown", burn(rising(), "--group-name", "nope").errorKey());
        assertEquals("err.fleet.notWired", CommandRun.run(ctx, new BurnCpuCommand(FleetWiring.defaults()), "--no-watch").errorKey());
        assertEquals(List.of(), runner.calls);
    }
}
