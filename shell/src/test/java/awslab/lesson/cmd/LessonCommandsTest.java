package awslab.lesson.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.lesson.LessonEngine;
import awslab.lesson.TestCourse;
import awslab.testing.TestShellContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson commands parse real arguments with picocli and drive the engine. */
class LessonCommandsTest {
    @TempDir
    Path dir;

    private final TestCourse world = new TestCourse();
    private TestShellContext ctx;
    private LessonEngine engine;

    @BeforeEach
    void setUp() {
        ctx = new TestShellContext(Language.FR, null, dir);
        engine = new LessonEngine(TestCourse.course(), world.registry(), ctx, Clock.systemUTC());
    }

    @Test
    void lessonListsThenStartsAndTheStepVerbsMove() {
        assertEquals(0, TestShellContext.run(ctx, new LessonCommand(engine)));
        assertTrue(ctx.output().contains("Leçons (étapes faites / étapes) :"), ctx.output());
        assertEquals(0, TestShellContext.run(ctx, new LessonCommand(engine), "1"));
        assertTrue(ctx.output().contains("▶ Tapez : `launch`"), ctx.output());
        assertEquals(0, TestShellContext.run(ctx, new HintCommand(engine)));
        assertTrue(ctx.output().contains("Lisez le message."), ctx.output());
        assertEquals(0, TestShellContext.run(ctx, new SkipCommand(engine)));
        assertEquals(0, TestShellContext.run(ctx, new BackCommand(engine)));
        world.world.put("vm", "i-0abc");
        assertEquals(0, TestShellContext.run(ctx, new CheckCommand(engine)));
        assertEquals(0, TestShellContext.run(ctx, new NextCommand(engine)));
        assertEquals("web", engine.store().read().lesson("01-vm").currentStep().orElseThrow());
        assertEquals(0, TestShellContext.run(ctx, new ProgressCommand(engine), "vm"));
        assertTrue(ctx.output().contains("✔ Lancer la VM"), ctx.output());
    }

    @Test
    void aUserErrorIsAnExceptionTheShellTranslates() {
        // The shell's exception handler prints UserException keys; picocli hands them on unchanged.
        var command = new picocli.CommandLine(new CheckCommand(engine));
        ((CheckCommand) command.getCommand()).context(ctx);
        command.setExecutionExceptionHandler((e, cl, parsed) -> {
            assertEquals("err.lesson.none", ((awslab.api.UserException) e).key());
            return 2;
        });
        assertEquals(2, command.execute());
    }

    @Test
    void resetAsksAndKeepsProgressWhenTheAnswerIsNo() {
        TestShellContext.run(ctx, new LessonCommand(engine), "1");
        assertEquals(1, TestShellContext.run(ctx.answerConfirmations(false), new ResetCommand(engine), "1"));
        assertTrue(ctx.output().contains("Oublier votre progression dans Ma VM ?"), ctx.output());
        assertTrue(engine.store().read().started("01-vm"));
        assertEquals(0, TestShellContext.run(ctx.answerConfirmations(true), new ResetCommand(engine), "1"));
        assertTrue(!engine.store().read().started("01-vm"));
        TestShellContext.run(ctx, new LessonCommand(engine), "0");
        assertEquals(0, TestShellContext.run(ctx.answerConfirmations(false), new ResetCommand(engine), "--yes"));
        assertTrue(!engine.store().read().started("00-intro"));
        assertTrue(ctx.output().contains("Progression oubliée : toutes les leçons."), ctx.output());
    }

    @Test
    void commandsMatchTheStepsCommandLineThroughTheListener() {
        TestShellContext.run(ctx, new LessonCommand(engine), "1");
        world.world.put("vm", "i-0abc");
        engine.afterCommand(List.of("launch"), List.of(), 0);
        assertEquals("look", engine.store().read().lesson("01-vm").currentStep().orElseThrow());
    }
}
