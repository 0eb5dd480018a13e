package awslab.lesson;

import awslab.api.CheckResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

import awslab.lab.LabNames;
import awslab.lesson.demo.CommandRunner;
import awslab.api.AwsClients;
import awslab.testing.MotoServer;
import awslab.cli.ShellFixture;
import awslab.cli.ShellSession;
import awslab.i18n.Language;
import awslab.target.Target;
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
            // The student terminates one fleet instance by hand; Moto replaces it within the same call
            // but does not register the replacement with the target group, which AWS does: do that here.
            "replace", LessonPlaythroughTest::terminateOneAndRegisterItsReplacement,
            // Moto's scaling policies never fire: scale out as the CPU policy would.
            "burn-cpu", clients -> clients.autoScaling().setDesiredCapacity(r -> r
                    .autoScalingGroupName(LabNames.AUTO_SCALING_GROUP).desiredCapacity(LabNames.FLEET_DESIRED + 1)));

    @TempDir
    Path dir;

    @Test
    void everyLessonPassesItsCheckpointsOnMoto() {
        MotoServer.get().reset();
        // The whole shell (session, interpreter, JShell, wiring) on Moto, as `awslab --endpoint-url` runs it.
        ShellFixture shell = ShellFixture.on(Target.endpoint(MotoServer.get().endpoint(), "us-east-1"), dir, Language.EN);
        ShellSession ctx = shell.session();
        ctx.assumeYes(true); // the student answers yes to terminate's and cleanup's questions
        CommandRunner runner = shell.interpreter()::runLine;
        LessonEngine engine = shell.wiring().lessons();
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : engine.course().lessons()) {
            problems.addAll(play(lesson, engine, runner, ctx));
        }
        assertEquals(List.of(), problems, shell.output());
    }

    private static List<String> play(Lesson lesson, LessonEngine engine, CommandRunner runner, ShellSession ctx) {
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

    private static void terminateOneAndRegisterItsReplacement(AwsClients clients) {
        String victim = group(clients).instances().get(0).instanceId();
        clients.ec2().terminateInstances(r -> r.instanceIds(victim));
        String targetGroup = group(clients).targetGroupARNs().get(0);
        List<String> members = group(clients).instances().stream()
                .map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
                .filter(id -> !id.equals(victim)).toList();
        clients.elb().registerTargets(r -> r.targetGroupArn(targetGroup)
                .targets(members.stream().map(id -> software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription
                        .builder().id(id).port(80).build()).toList()));
    }

    private static AutoScalingGroup group(AwsClients clients) {
        return clients.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(LabNames.AUTO_SCALING_GROUP))
                .autoScalingGroups().get(0);
    }
}
