package awslab.lesson.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.lesson.LessonEngine;
import awslab.lesson.TestCourse;
import awslab.lesson.cmd.DemoCommand;
import awslab.testing.TestShellContext;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPlayerTest {
    @TempDir
    Path dir;

    private final TestCourse world = new TestCourse();
    private final List<String> ran = new ArrayList<>();
    private TestShellContext ctx;
    private LessonEngine engine;

    /** The shell stand-in: running a step's command changes the world, as the real command would. */
    private final CommandRunner runner = line -> {
        ran.add(line);
        if (line.equals("launch")) {
            world.world.put("vm", "i-0demo");
        }
        if (line.equals("fleet create")) {
            world.world.put("fleet", "ASG-webservice");
        }
        engine.afterCommand(List.of(line.split(" ")), List.of(), 0); // the shell tells its listeners
        return line.equals("status") ? 3 : 0;
    };

    @BeforeEach
    void setUp() {
        ctx = new TestShellContext(Language.EN, null, dir);
        engine = new LessonEngine(TestCourse.course(), world.registry(), ctx, Clock.systemUTC());
    }

    @Test
    void playsEveryStepTypedThenRunThenCheckedAndOffersCleanup() {
        AtomicInteger pauses = new AtomicInteger();
        int shown = new DemoPlayer(ctx.answerConfirmations(true), engine, runner, () -> pauses.incrementAndGet() > 0, Duration.ZERO)
                .play(engine.find("1"));
        assertEquals(5, shown);
        assertEquals(5, pauses.get(), "one pause before each step");
        assertEquals(List.of("launch", "ec2.describeInstances()", "status", "fleet create", "cleanup --yes"), ran);
        String out = ctx.output();
        assertTrue(out.contains("Let us start."), out);
        assertTrue(out.contains("awslab> launch\n"), out);
        assertTrue(out.contains("✔ Progress forgotten: i-0demo."), "the checkpoint's result is shown: " + out);
        assertTrue(out.contains("(The command ended with code 3.)"), out);
        assertTrue(out.contains("Well done."), out);
        assertTrue(out.contains("Delete everything the lab created (cleanup)?"), out);
        assertFalse(engine.store().read().started("01-vm"), "a demo leaves the student's progress alone");
    }

    @Test
    void stopsWhenThePresenterSaysSoAndOffersNoCleanupWhenRefused() {
        Pause enter = Pause.enter(new StringReader("\n\nq\n"));
        int shown = new DemoPlayer(ctx.answerConfirmations(false), engine, runner, enter, Duration.ZERO).play(engine.find("1"));
        assertEquals(2, shown);
        assertEquals(List.of("launch", "ec2.describeInstances()"), ran);
        assertTrue(ctx.output().contains("Demo stopped."), ctx.output());
    }

    @Test
    void theDemoCommandPlaysTheNamedLessonAndValidatesAuto() {
        DemoCommand.Pauses none = (c, auto) -> Pause.NONE;
        assertEquals(0, TestShellContext.run(ctx, new DemoCommand(engine, runner, none, Duration.ZERO), "0", "--auto", "0"));
        assertEquals(List.of(), ran, "connect waits for a pasted block: the demo shows it, the target being connected");
        assertTrue(ctx.output().contains("awslab> connect") && ctx.output().contains("connect would ask to paste"), ctx.output());
        assertEquals(1, TestShellContext.run(ctx, new DemoCommand(engine, runner, none, Duration.ZERO), "--auto", "-4"));
    }

    @Test
    void typingIsVisibleAndTakesTheConfiguredDelay() {
        long start = System.nanoTime();
        new DemoPlayer(ctx, engine, runner, Pause.NONE, Duration.ofMillis(10)).play(engine.find("0"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= "connect".length() * 10L, "typed in " + millis + " ms");
        assertTrue(ctx.output().contains("awslab> connect"), ctx.output());
    }
}
