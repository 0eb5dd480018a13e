package awslab.live;

import awslab.api.CheckResult;
import awslab.fleet.FleetSettings;
import awslab.lab.LabNames;
import awslab.lesson.Lesson;
import awslab.lesson.LessonEngine;
import awslab.lesson.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Lessons 0 to 3 played through the shell as a student would — {@code lesson N}, each step's
 * command, then its checkpoint on the live state — timing what only AWS can show: launch → the
 * web service answering, fleet create → healthy targets, terminate → a healthy replacement,
 * burn → scale-out, then scale-in. Each wait polls a checkpoint (or the group) within a bound
 * and within the run's deadline; the instance ceiling is checked after every step.
 */
final class LivePlay {
    /**
     * What a script cannot do as a student does: {@code connect} reads pasted credentials (the
     * run has its own), {@code ssh} opens an interactive session (the run sends one command).
     */
    static final Map<String, String> INSTEAD = Map.of("connect", "status", "ssh", "ssh " + LabNames.DEFAULT_INSTANCE_NAME + " -- uname -a");
    /** Steps whose checkpoint is awaited (polled) rather than checked once, with the measure's name. */
    static final Map<String, String> MEASURED = Map.of(
            "web-service", "launch → web service answers",
            "fleet-create", "fleet create → healthy targets",
            "replace", "terminate → replacement healthy",
            "burn-cpu", "burn → scale-out");
    /**
     * Steps whose checkpoint is asked again within the bound, unmeasured: a load balancer may
     * send the first requests to one target for a moment after both show healthy, and a
     * student refreshes the page rather than give up.
     */
    static final Set<String> SETTLING = Set.of("alternation");
    static final String SCALE_IN = "scale-in";
    static final Set<String> STARTS_A_MEASURE = Set.of("launch", "fleet-create", "replace", "burn-cpu");

    /** One measured wait: how long, and whether the thing was seen at all within its bound. */
    record Measure(String name, Duration took, boolean seen) {}

    /** One step: where, how long, what its checkpoint said. */
    record StepResult(String where, Duration took, String said) {}

    private final LiveShell shell;
    private final LiveRun.Limits limits;
    private final Clock clock;
    private final Duration poll;
    private final Duration waitBound;
    final List<Measure> measures = new ArrayList<>();
    final List<StepResult> steps = new ArrayList<>();
    private Instant measureStart;

    LivePlay(LiveShell shell, LiveRun.Limits limits, Clock clock, Duration poll, Duration waitBound) {
        this.shell = shell;
        this.limits = limits;
        this.clock = clock;
        this.poll = poll;
        this.waitBound = waitBound;
    }

    /** Plays every lesson; throws {@link LiveRun.Stop} at the first step that fails, or at a ceiling. */
    void play() {
        LessonEngine engine = shell.lessons();
        for (Lesson lesson : engine.course().lessons()) {
            shell.run("lesson " + lesson.id());
            Map<String, String> facts = new HashMap<>();
            for (Step step : lesson.steps()) {
                playStep(engine, lesson, step, facts);
                limits.check(shell.clients());
            }
        }
    }

    private void playStep(LessonEngine engine, Lesson lesson, Step step, Map<String, String> facts) {
        String where = lesson.id() + "/" + step.id();
        Instant start = clock.instant();
        if (STARTS_A_MEASURE.contains(step.id())) {
            measureStart = start;
        }
        if ("replace".equals(step.id())) {
            // The lesson: "take one of its ids from fleet status and type terminate i-…".
            String victim = group().instances().stream().map(Instance::instanceId).sorted().findFirst()
                    .orElseThrow(() -> new LiveRun.Stop(where + ": the group has no instance to terminate"));
            runOrStop(where, "terminate " + victim + " --yes");
        }
        if (SCALE_IN.equals(step.id())) {
            scaleIn(where);
        } else if (step.kind() != Step.Kind.READ) {
            runOrStop(where, INSTEAD.getOrDefault(step.id(), step.line()));
        }
        String said = "";
        if (step.checkpoint().isPresent()) {
            String checkpoint = step.checkpoint().get();
            if (SETTLING.contains(step.id())) {
                waitFor(() -> passes(engine, checkpoint, facts));
            }
            CheckResult result = MEASURED.containsKey(step.id())
                    ? await(MEASURED.get(step.id()), () -> passes(engine, checkpoint, facts), engine, checkpoint, facts)
                    : engine.verify(checkpoint, facts);
            said = checkpoint + ": " + shell.session().messages().get(result.messageKey(), result.args().toArray());
            if (result.outcome() != CheckResult.Outcome.PASSED) {
                throw new LiveRun.Stop(where + ": " + result.outcome() + " " + said);
            }
        }
        steps.add(new StepResult(where, Duration.between(start, clock.instant()), said));
    }

    private void runOrStop(String where, String line) {
        int code = shell.run(line);
        if (code != 0) {
            throw new LiveRun.Stop(where + ": '" + line + "' exited with " + code);
        }
    }

    /** Polls until the checkpoint passes, within the bound and the deadline; then its last result. */
    private CheckResult await(String name, BooleanSupplier passed, LessonEngine engine, String checkpoint, Map<String, String> facts) {
        boolean seen = waitFor(passed);
        measures.add(new Measure(name, Duration.between(measureStart, clock.instant()), seen));
        return engine.verify(checkpoint, facts);
    }

    private boolean passes(LessonEngine engine, String checkpoint, Map<String, String> facts) {
        return engine.verify(checkpoint, new HashMap<>(facts)).outcome() == CheckResult.Outcome.PASSED;
    }

    /** Stops the busy loops, then waits for the group to come back to its minimum: scale-in. */
    private void scaleIn(String where) {
        runOrStop(where, "burn-cpu --stop");
        measureStart = clock.instant();
        int min = FleetSettings.defaults().min();
        boolean seen = waitFor(() -> group().desiredCapacity() <= min);
        measures.add(new Measure("scale-in (burn stopped → back to " + min + ")", Duration.between(measureStart, clock.instant()), seen));
    }

    private boolean waitFor(BooleanSupplier done) {
        Instant bound = clock.instant().plus(waitBound);
        for (int i = 0; i < 100_000; i++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (!clock.instant().isBefore(bound)) {
                return false;
            }
            limits.check(shell.clients());
            LiveRun.sleep(poll);
        }
        return false;
    }

    private software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup group() {
        return shell.clients().autoScaling()
                .describeAutoScalingGroups(r -> r.autoScalingGroupNames(LabNames.AUTO_SCALING_GROUP))
                .autoScalingGroups().stream().findFirst()
                .orElseThrow(() -> new LiveRun.Stop("the group " + LabNames.AUTO_SCALING_GROUP + " does not exist"));
    }
}
