package awslab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonEngineTest {
    @TempDir
    Path dir;

    private final TestCourse world = new TestCourse();
    private TestShellContext ctx;
    private LessonEngine engine;

    @BeforeEach
    void setUp() {
        ctx = new TestShellContext(Language.EN, null, dir);
        engine = newEngine(ctx);
    }

    private LessonEngine newEngine(TestShellContext context) {
        return new LessonEngine(TestCourse.course(), world.registry(), context, Clock.fixed(Instant.parse("2026-11-25T15:40:00Z"), ZoneOffset.UTC));
    }

    private String current() {
        return engine.store().read().lesson("01-vm").currentStep().orElse("(finished)");
    }

    @Test
    void startingALessonShowsItsIntroAndFirstStepWithTheCommandToType() {
        engine.start(Optional.of("1"));
        String out = ctx.output();
        assertTrue(out.contains("My VM"), out);
        assertTrue(out.contains("Let us start."), out);
        assertTrue(out.contains("step 1/5 · Launch the VM"), out);
        assertTrue(out.contains("▶ Type: `launch`"), out);
        assertEquals("launch", current());
    }

    @Test
    void runningTheStepsCommandVerifiesTheLiveStateNotTheExitCode() {
        engine.start(Optional.of("vm"));
        engine.afterCommand(List.of("launch"), List.of(), 0);
        assertEquals("launch", current(), "the command returned 0 but no VM exists: the step is not done");
        assertTrue(ctx.output().contains("✘"), ctx.output());

        world.world.put("vm", "i-0abc");
        engine.afterCommand(List.of("launch"), List.of(), 1);
        assertEquals("launch", current(), "a failed command is not verified");
        engine.afterCommand(List.of("launch"), List.of("--name", "web"), 0);
        assertEquals("look", current());
        CourseProgress progress = engine.store().read();
        assertEquals("PASSED", progress.lesson("01-vm").steps().get("launch").outcome());
        assertEquals("2026-11-25T15:40:00Z", progress.lesson("01-vm").steps().get("launch").at());
        assertEquals("i-0abc", progress.lesson("01-vm").facts().get("vm.id"), "the checkpoint's facts are kept");
    }

    @Test
    void javaStepsAreVerifiedByCheckOrNextAndReadStepsByNext() {
        world.world.put("vm", "i-0abc");
        engine.start(Optional.of("1"));
        engine.afterCommand(List.of("launch"), List.of(), 0);
        assertEquals("look", current());
        engine.check();
        assertEquals("web", current());
        engine.next(); // the web service cannot be checked here (an emulator): next moves on, said clearly
        assertTrue(ctx.output().contains("cannot show that (it is not a real cloud): the step is marked unchecked"), ctx.output());
        assertEquals("read", current());
        assertEquals("CANNOT_CHECK", engine.store().read().lesson("01-vm").steps().get("web").outcome());
        assertThrows(UserException.class, engine::check, "a read step has nothing to check");
        engine.next();
        assertEquals("fleet", current());
    }

    @Test
    void nextRefusesAFailedStepAndSkipMovesOnAnyway() {
        engine.start(Optional.of("1"));
        engine.next();
        assertEquals("launch", current());
        assertTrue(ctx.output().contains("type skip to move on anyway"), ctx.output());
        engine.skip();
        assertEquals("look", current());
        assertEquals("SKIPPED", engine.store().read().lesson("01-vm").steps().get("launch").outcome());
        engine.back();
        assertEquals("launch", current());
        assertThrows(UserException.class, engine::back);
    }

    @Test
    void commandsOutOfOrderAndFreeCommandsNeverBreakTheLesson() {
        world.world.put("fleet", "ASG");
        engine.start(Optional.of("1"));
        engine.afterCommand(List.of("fleet", "create"), List.of(), 0);
        engine.afterCommand(List.of("fleet"), List.of(), 0);
        engine.afterCommand(List.of("help"), List.of(), 0);
        assertEquals("launch", current());
        assertTrue(ctx.output().contains("That was the command of step 5 “The fleet”; this lesson is at step 1 “Launch the VM”"), ctx.output());
        assertFalse(engine.store().read().lesson("01-vm").done("fleet"));
        world.world.put("vm", "i-0abc");
        engine.afterCommand(List.of("launch"), List.of(), 0);
        assertEquals("look", current());
        int before = ctx.output().length();
        engine.afterCommand(List.of("launch"), List.of(), 0); // an earlier step's command, again: no remark
        assertFalse(ctx.output().substring(before).contains("That was the command"), ctx.output().substring(before));
    }

    @Test
    void progressIsResumedByANewShellAndShownAsAChecklist() {
        world.world.put("vm", "i-0abc");
        engine.start(Optional.of("1"));
        engine.afterCommand(List.of("launch"), List.of(), 0);

        TestShellContext later = new TestShellContext(Language.FR, null, dir);
        LessonEngine restarted = newEngine(later);
        restarted.start(Optional.empty());
        String out = later.output();
        assertTrue(out.contains("Bon retour : 1 étape faite sur 5"), out);
        assertTrue(out.contains("étape 2/5 · Regarder"), out);
        restarted.progress(Optional.empty());
        assertTrue(later.output().contains("✔ Lancer la VM"), later.output());
        assertTrue(later.output().contains("▶ Regarder"), later.output());
        assertTrue(later.output().contains("vm.id : i-0abc"), later.output());
    }

    @Test
    void finishingALessonShowsTheOutroAndTheNextLesson() {
        engine.start(Optional.of("intro"));
        world.world.put("connected", "123456789012");
        engine.afterCommand(List.of("connect"), List.of(), 0);
        String out = ctx.output();
        assertTrue(out.contains("Lesson finished: Intro"), out);
        assertTrue(out.contains("Next: lesson 1 (My VM)"), out);
        assertThrows(UserException.class, engine::next);
    }

    @Test
    void listingShowsEveryLessonWithItsProgressAndResetForgetsIt() {
        world.world.put("vm", "i-0abc");
        engine.start(Optional.of("1"));
        engine.afterCommand(List.of("launch"), List.of(), 0);
        engine.list();
        assertTrue(ctx.output().contains("▶ 1. My VM  (1/5)"), ctx.output());
        assertTrue(ctx.output().contains("  0. Intro  (0/1)"), ctx.output());
        engine.reset(Optional.of(engine.find("1")));
        assertFalse(engine.store().read().started("01-vm"));
        assertThrows(UserException.class, engine::check, "no lesson in progress any more");
    }

    @Test
    void progressBeforeAnyLessonShowsTheOverview() {
        engine.progress(Optional.empty());
        assertTrue(ctx.output().contains("Lessons (done steps / steps):"), ctx.output());
    }

    @Test
    void anUnknownLessonIsAClearError() {
        UserException e = assertThrows(UserException.class, () -> engine.start(Optional.of("7")));
        assertEquals("err.lesson.unknown", e.key());
    }
}
