package awslab.lesson;

import awslab.api.Checkpoint;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.target.AwsErrors;
import awslab.api.CommandListener;
import awslab.api.ShellContext;
import awslab.lesson.CourseProgress.LessonProgress;
import awslab.lesson.CourseProgress.StepDone;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Guided mode: follows the active lesson, verifies a step's checkpoint when the student runs
 * the step's command, moves on when it passes, and keeps progress across restarts. Commands
 * run out of order are noted, never break anything; free commands and Java work at any time.
 *
 * <pre>
 * LessonEngine engine = new LessonEngine(checkpoints, ctx);
 * shell.addListener(engine);        // afterCommand: verify and advance
 * engine.start(Optional.of("1"));   // lesson 1, resumed where the student left it
 * </pre>
 */
public final class LessonEngine implements CommandListener {
    private final Course course;
    private final CheckpointRegistry registry;
    private final ShellContext ctx;
    private final ProgressStore store;
    private final Clock clock;
    private final LessonView view;
    private boolean listening = true;

    public LessonEngine(Course course, CheckpointRegistry registry, ShellContext ctx, Clock clock) {
        this.course = course;
        this.registry = registry;
        this.ctx = ctx;
        this.store = new ProgressStore(ctx.files(), ctx.stateDir());
        this.clock = clock;
        this.view = new LessonView(course, ctx);
    }

    /** The packaged course and the system clock. */
    public LessonEngine(CheckpointRegistry registry, ShellContext ctx) {
        this(Course.packaged(), registry, ctx, Clock.systemUTC());
    }

    public Course course() {
        return course;
    }

    public CheckpointRegistry registry() {
        return registry;
    }

    public ProgressStore store() {
        return store;
    }

    public LessonView view() {
        return view;
    }

    /** Stops (or resumes) following commands, e.g. while a demo plays. */
    public void listening(boolean listening) {
        this.listening = listening;
    }

    public Optional<Lesson> activeLesson() {
        return store.read().activeLesson().flatMap(course::lesson);
    }

    /** Lists the lessons with the student's progress. */
    public void list() {
        view.list(store.read());
    }

    /** Starts or resumes a lesson (the active one when none is named) and shows its current step. */
    public void start(Optional<String> reference) {
        Lesson lesson = reference.map(this::find).or(this::activeLesson).orElse(course.lessons().get(0));
        CourseProgress progress = store.update(p -> {
            p.activeLesson(lesson.id());
            LessonProgress lp = p.lesson(lesson.id());
            if (lp.currentStep().flatMap(lesson::step).isEmpty()) {
                lp.currentStep(firstUnfinished(lesson, lp));
            }
        });
        view.intro(lesson, progress.lesson(lesson.id()));
        showCurrent(lesson, progress);
    }

    public Lesson find(String reference) {
        return course.find(reference).orElseThrow(() -> new UserException("err.lesson.unknown", reference, course.lessons().size() - 1));
    }

    @Override
    public void afterCommand(List<String> command, List<String> args, int exitCode) {
        if (!listening || exitCode != 0) {
            return;
        }
        Optional<Lesson> active = activeLesson();
        if (active.isEmpty()) {
            return;
        }
        Lesson lesson = active.get();
        Optional<Step> current = currentStep(lesson);
        if (current.isPresent() && current.get().kind() == Step.Kind.COMMAND && current.get().isRunBy(command)) {
            verifyAndAdvance(lesson, current.get(), false);
            return;
        }
        // A later step's command: say where the lesson is. An earlier step's (done again, or as a
        // reading step asks) needs no remark.
        int here = current.map(s -> lesson.indexOf(s.id())).orElse(lesson.steps().size());
        lesson.steps().stream()
                .filter(s -> s.kind() == Step.Kind.COMMAND && s.isRunBy(command) && lesson.indexOf(s.id()) > here)
                .findFirst()
                .ifPresent(other -> view.outOfOrder(lesson, other, current));
    }

    /** Verifies the current step again; moves on when it passes. */
    public void check() {
        Lesson lesson = requireActive();
        Step step = currentStep(lesson).orElseThrow(() -> new UserException("err.lesson.finished", view.title(lesson)));
        if (step.checkpoint().isEmpty()) {
            throw new UserException("err.lesson.nothingToCheck", step.id());
        }
        verifyAndAdvance(lesson, step, false);
    }

    /** Moves on: the current step is done, has nothing to check, or its checkpoint passes now (or cannot be checked here). */
    public void next() {
        Lesson lesson = requireActive();
        Step step = currentStep(lesson).orElseThrow(() -> new UserException("err.lesson.finished", view.title(lesson)));
        LessonProgress lp = store.read().lesson(lesson.id());
        if (lp.done(step.id())) {
            moveTo(lesson, lesson.indexOf(step.id()) + 1);
        } else if (step.checkpoint().isEmpty()) {
            finish(lesson, step, "READ", Map.of());
        } else {
            verifyAndAdvance(lesson, step, true);
        }
    }

    /** Moves on without the checkpoint, marking the step skipped. */
    public void skip() {
        Lesson lesson = requireActive();
        Step step = currentStep(lesson).orElseThrow(() -> new UserException("err.lesson.finished", view.title(lesson)));
        finish(lesson, step, "SKIPPED", Map.of());
    }

    /** Shows the previous step again (what was done stays done). */
    public void back() {
        Lesson lesson = requireActive();
        int index = currentStep(lesson).map(s -> lesson.indexOf(s.id())).orElse(lesson.steps().size());
        if (index == 0) {
            throw new UserException("err.lesson.atStart");
        }
        moveTo(lesson, index - 1);
    }

    public void hint() {
        Lesson lesson = requireActive();
        Step step = currentStep(lesson).orElseThrow(() -> new UserException("err.lesson.finished", view.title(lesson)));
        view.hint(lesson, step);
    }

    /** The checklist of a lesson (the active one when none is named), with times; the lesson list when none is started. */
    public void progress(Optional<String> reference) {
        Optional<Lesson> lesson = reference.map(this::find).or(this::activeLesson);
        if (lesson.isPresent()) {
            view.checklist(lesson.get(), store.read().lesson(lesson.get().id()));
        } else {
            list(); // no lesson started yet: the overview is the progress
        }
    }

    /** Forgets a lesson's progress, or every lesson's when none is named. */
    public void reset(Optional<Lesson> lesson) {
        store.update(p -> {
            if (lesson.isPresent()) {
                p.forget(lesson.get().id());
            } else {
                course.lessons().forEach(l -> p.forget(l.id()));
            }
        });
    }

    /**
     * Runs one checkpoint against the live state with {@code facts} (which it may update). Throws
     * only when Ctrl-C stopped it: any failure becomes a FAILED result that says what went wrong.
     */
    public CheckResult verify(String checkpointId, Map<String, String> facts) {
        Checkpoint checkpoint = registry.get(checkpointId)
                .orElseThrow(() -> new UserException("err.lesson.noCheckpoint", checkpointId));
        try {
            return checkpoint.verify(new CheckContext(ctx.clients(), ctx.reachability(), facts));
        } catch (RuntimeException e) {
            if (Interruption.causedBy(e)) {
                throw e; // Ctrl-C: the step stays as it was, and the shell says so
            }
            return failure(checkpointId, e);
        }
    }

    private static CheckResult failure(String checkpointId, RuntimeException e) {
        if (e instanceof UserException user) {
            return new CheckResult(CheckResult.Outcome.FAILED, user.key(), List.of(user.args()));
        }
        if (e instanceof SdkException sdk) {
            // The same one line as any command that meets this AWS error (an expired session, say).
            UserException explained = AwsErrors.explain(sdk);
            return new CheckResult(CheckResult.Outcome.FAILED, explained.key(), List.of(explained.args()));
        }
        return CheckResult.failed("err.lesson.check.broken", checkpointId, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void verifyAndAdvance(Lesson lesson, Step step, boolean movingOn) {
        Map<String, String> facts = new HashMap<>(store.read().lesson(lesson.id()).facts());
        CheckResult result = verify(step.checkpoint().orElseThrow(), facts);
        view.result(result);
        switch (result.outcome()) {
            case PASSED -> finish(lesson, step, "PASSED", facts);
            case CANNOT_CHECK -> {
                if (movingOn) {
                    view.cannotCheckMovedOn();
                    finish(lesson, step, "CANNOT_CHECK", facts);
                } else {
                    saveFacts(lesson, facts);
                    view.cannotCheckHelp();
                }
            }
            case FAILED -> {
                saveFacts(lesson, facts);
                view.failedHelp(movingOn);
            }
        }
    }

    private void finish(Lesson lesson, Step step, String outcome, Map<String, String> facts) {
        String at = clock.instant().toString();
        int nextIndex = lesson.indexOf(step.id()) + 1;
        CourseProgress progress = store.update(p -> {
            LessonProgress lp = p.lesson(lesson.id());
            lp.facts().putAll(facts);
            lp.steps().put(step.id(), new StepDone(at, outcome));
            lp.currentStep(nextIndex < lesson.steps().size() ? lesson.steps().get(nextIndex).id() : null);
        });
        showCurrent(lesson, progress);
    }

    private void moveTo(Lesson lesson, int index) {
        CourseProgress progress = store.update(p -> p.lesson(lesson.id())
                .currentStep(index < lesson.steps().size() ? lesson.steps().get(index).id() : null));
        showCurrent(lesson, progress);
    }

    private void saveFacts(Lesson lesson, Map<String, String> facts) {
        store.update(p -> p.lesson(lesson.id()).facts().putAll(facts));
    }

    private void showCurrent(Lesson lesson, CourseProgress progress) {
        Optional<Step> step = progress.lesson(lesson.id()).currentStep().flatMap(lesson::step);
        if (step.isPresent()) {
            view.step(lesson, step.get());
        } else {
            view.finished(lesson, course.lessons().indexOf(lesson) + 1 < course.lessons().size()
                    ? Optional.of(course.lessons().get(course.lessons().indexOf(lesson) + 1)) : Optional.empty());
        }
    }

    private Optional<Step> currentStep(Lesson lesson) {
        return store.read().lesson(lesson.id()).currentStep().flatMap(lesson::step);
    }

    private Lesson requireActive() {
        return activeLesson().orElseThrow(() -> new UserException("err.lesson.none"));
    }

    private static String firstUnfinished(Lesson lesson, LessonProgress lp) {
        return lesson.steps().stream().filter(s -> !lp.done(s.id())).findFirst().map(Step::id).orElse(null);
    }
}
