package awslab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import awslab.lab.LabNames;
import awslab.lesson.demo.CommandRunner;
import awslab.target.AwsClients;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * Plays the whole packaged course against a Moto server, in order, as a student would: for
 * each step, run its command (or Java) through the shell, then verify its checkpoint on the
 * live state. What Moto does not do by itself (scaling policies never fire, nothing is
 * reachable) is driven explicitly or expected as "cannot check here".
 *
 * <p>Needs the shell's real commands and checkpoints: it cannot pass until they are merged and
 * {@link #shellRunner} is wired (one line).
 */
class LessonPlaythroughTest {
    /** Checkpoints that need the instance itself: on Moto they must answer CANNOT_CHECK, at once. */
    static final Set<String> NEEDS_THE_INSTANCE = Set.of("ssh-works", "web-service-answers", "load-balancer-alternates");

    /**
     * Steps whose command may fail on Moto: {@code connect} asks for pasted credentials (the test
     * context is already on Moto); {@code ssh} and {@code burn-cpu} need to reach an instance.
     */
    static final Set<String> MAY_FAIL_ON_MOTO = Set.of("connect", "ssh", "burn-cpu");

    /** What Moto lacks, done explicitly through the SDK before the step's command runs. */
    static final Map<String, Consumer<AwsClients>> DRIVERS = Map.of(
            // The student terminates one fleet instance by hand; Moto replaces it within the same call.
            "replace", clients -> clients.ec2().terminateInstances(r -> r.instanceIds(
                    group(clients).instances().get(0).instanceId())),
            // Moto's scaling policies never fire: scale out as the CPU policy would.
            "burn-cpu", clients -> clients.autoScaling().setDesiredCapacity(r -> r
                    .autoScalingGroupName(LabNames.AUTO_SCALING_GROUP).desiredCapacity(LabNames.FLEET_DESIRED + 1)));

    @TempDir
    Path dir;

    /** The shell's runner on {@code ctx}: wire it at merge (e.g. {@code Shell.runner(ctx)}). */
    static CommandRunner shellRunner(TestShellContext ctx) {
        throw new AssertionError("LessonPlaythroughTest.shellRunner is not wired yet: it needs the shell's command runner (merge)");
    }

    @Test
    void everyLessonPassesItsCheckpointsOnMoto() {
        MotoServer.get().reset();
        TestShellContext ctx = TestShellContext.onMoto(dir).answerConfirmations(true);
        CommandRunner runner = shellRunner(ctx);
        LessonEngine engine = new LessonEngine(ctx);
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : engine.course().lessons()) {
            problems.addAll(play(lesson, engine, runner, ctx));
        }
        assertEquals(List.of(), problems, ctx.output());
    }

    private static List<String> play(Lesson lesson, LessonEngine engine, CommandRunner runner, TestShellContext ctx) {
        List<String> problems = new ArrayList<>();
        Map<String, String> facts = new HashMap<>();
        for (Step step : lesson.steps()) {
            String where = lesson.id() + "/" + step.id();
            if (DRIVERS.containsKey(step.id())) {
                DRIVERS.get(step.id()).accept(ctx.clients());
            }
            if (step.kind() != Step.Kind.READ) {
                int exitCode = runner.run(step.line());
                if (exitCode != 0 && !MAY_FAIL_ON_MOTO.contains(step.id())) {
                    problems.add(where + ": '" + step.line() + "' exited with " + exitCode);
                    return problems; // later steps depend on this one
                }
            }
            if (step.checkpoint().isEmpty()) {
                continue;
            }
            String checkpoint = step.checkpoint().get();
            CheckResult result = engine.verify(checkpoint, facts);
            CheckResult.Outcome expected = NEEDS_THE_INSTANCE.contains(checkpoint) ? CheckResult.Outcome.CANNOT_CHECK : CheckResult.Outcome.PASSED;
            if (result.outcome() != expected) {
                problems.add(where + ": " + checkpoint + " expected " + expected + ", got " + result.outcome() + " "
                        + ctx.messages().get(result.messageKey(), result.args().toArray()));
                return problems;
            }
        }
        return problems;
    }

    private static AutoScalingGroup group(AwsClients clients) {
        return clients.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(LabNames.AUTO_SCALING_GROUP))
                .autoScalingGroups().get(0);
    }
}
