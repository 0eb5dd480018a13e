package awslab.lesson;

import awslab.sandbox.*;
import awslab.target.SandboxCloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.cli.SandboxNotices;
import awslab.cli.ShellFixture;
import awslab.cli.ShellSession;
import awslab.i18n.Language;
import awslab.lab.LabNames;
import awslab.api.CheckResult;
import awslab.lesson.Lesson;
import awslab.lesson.LessonEngine;
import awslab.lesson.Step;
import awslab.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Plays the whole packaged course through the whole shell on the sandbox, as a student without
 * an AWS account would: every step's command, then its checkpoint on the live state — and here
 * every checkpoint must pass for real, over real HTTP, SSH and load-balancer proxies, with the
 * sandbox replacing and scaling the fleet by itself (nothing is driven behind its back). The
 * sandbox runs the real lab web service at the fast test pace; at the end, no process it
 * started may remain, and no socket of the test's processes was seen talking to anything but
 * loopback.
 */
class SandboxLessonsEndToEndTest {
    /**
     * Steps whose command fails without a terminal: {@code connect} reads pasted credentials (and
     * the sandbox needs none), {@code ssh} opens an interactive session. Their checkpoints must pass.
     */
    static final Set<String> NEEDS_A_TERMINAL = Set.of("connect", "ssh");

    /** Bounds the wait for the sandbox's processes to end once it is closed. */
    static final Duration PROCESSES_GONE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyLessonPassesEveryCheckpointInTheSandbox() throws Exception {
        Set<Long> before = descendants();
        LoopbackGuard network = LoopbackGuard.start();
        ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), dir, Language.EN);
        ShellSession session = shell.session();
        // The shell's own wiring starts the sandbox service at the standard pace, on its fixed port; a test: fast, any port.
        SandboxCloud sandbox = new SandboxCloud(dir, () -> SandboxClient.Launch.defaults().withPort(0).withPace("fast")
                .withIdleStop(Duration.ofMinutes(5)), new SandboxNotices(session));
        session.targets().localCloud(() -> sandbox);
        session.assumeYes(true); // the student answers yes to terminate's and cleanup's questions
        List<String> problems = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        try {
            LessonEngine engine = shell.wiring().lessons();
            for (Lesson lesson : engine.course().lessons()) {
                if (!play(lesson, engine, shell, timings, problems)) {
                    break; // later lessons build on this one
                }
            }
        } finally {
            sandbox.stop();
            shell.java().close();
            network.close();
        }
        System.out.println("Sandbox playthrough, seconds per step and what its checkpoint said:\n" + String.join("\n", timings));
        assertEquals(List.of(), problems, shell.output());
        assertEquals(Set.of(), leftOver(before), "processes left after closing the sandbox");
        assertTrue(network.samples() > 100, "the network was watched all along");
        assertEquals(Set.of(), network.elsewhere(), "connections to anything but loopback");
    }

    @Test
    void theNetworkGuardTellsLoopbackFromElsewhere() {
        assertTrue(LoopbackGuard.loopbackOrUnset("0100007F")); // 127.0.0.1
        assertTrue(LoopbackGuard.loopbackOrUnset("00000000"));
        assertTrue(LoopbackGuard.loopbackOrUnset("00000000000000000000000001000000")); // ::1
        assertTrue(LoopbackGuard.loopbackOrUnset("0000000000000000FFFF00000100007F")); // ::ffff:127.0.0.1
        assertFalse(LoopbackGuard.loopbackOrUnset("0100A8C0")); // 192.168.0.1
        assertFalse(LoopbackGuard.loopbackOrUnset("0000000000000000FFFF0000B17100CB")); // ::ffff:203.0.113.177
        assertFalse(LoopbackGuard.loopbackOrUnset("B80D0120000000000000000000000001")); // 2001:db8::…
    }

    /** Plays one lesson; false (with the problem recorded) as soon as a step fails. */
    private static boolean play(Lesson lesson, LessonEngine engine, ShellFixture shell, List<String> timings,
            List<String> problems) {
        Map<String, String> facts = new HashMap<>();
        for (Step step : lesson.steps()) {
            String where = lesson.id() + "/" + step.id();
            Instant start = Instant.now();
            if ("replace".equals(step.id())) {
                // The lesson: "take one of its ids from `fleet status` and type `terminate i-…`".
                String victim = group(shell.session()).instances().stream().map(Instance::instanceId).sorted()
                        .findFirst().orElseThrow();
                int code = shell.interpreter().runLine("terminate " + victim + " --yes");
                if (code != 0) {
                    problems.add(where + ": 'terminate " + victim + " --yes' exited with " + code);
                    return false;
                }
            }
            if (step.kind() != Step.Kind.READ) {
                int code = shell.interpreter().runLine(step.line());
                if (code != 0 && !NEEDS_A_TERMINAL.contains(step.id())) {
                    problems.add(where + ": '" + step.line() + "' exited with " + code);
                    return false;
                }
            }
            String said = "";
            if (step.checkpoint().isPresent()) {
                String checkpoint = step.checkpoint().get();
                CheckResult result = engine.verify(checkpoint, facts);
                said = checkpoint + ": " + shell.session().messages().get(result.messageKey(), result.args().toArray());
                if (result.outcome() != CheckResult.Outcome.PASSED) {
                    problems.add(where + ": " + result.outcome() + " " + said);
                    return false;
                }
            }
            timings.add(String.format("%-32s %5.1f  %s", where, Duration.between(start, Instant.now()).toMillis() / 1000.0, said));
        }
        return true;
    }

    private static AutoScalingGroup group(ShellSession session) {
        return session.clients().autoScaling()
                .describeAutoScalingGroups(r -> r.autoScalingGroupNames(LabNames.AUTO_SCALING_GROUP))
                .autoScalingGroups().get(0);
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** The processes started since {@code before} that are still alive after a bounded wait, with their command. */
    private static Set<String> leftOver(Set<Long> before) throws InterruptedException {
        Instant deadline = Instant.now().plus(PROCESSES_GONE);
        List<ProcessHandle> alive = List.of();
        while (Instant.now().isBefore(deadline)) {
            alive = ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).filter(ProcessHandle::isAlive)
                    .toList();
            if (alive.isEmpty()) {
                return Set.of();
            }
            Thread.sleep(200);
        }
        return alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toSet());
    }
}
