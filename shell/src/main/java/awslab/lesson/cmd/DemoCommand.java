package awslab.lesson.cmd;

import awslab.api.LessonNames;
import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.api.ShellContext;
import awslab.lesson.Lesson;
import awslab.lesson.LessonEngine;
import awslab.lesson.demo.CommandRunner;
import awslab.lesson.demo.DemoPlayer;
import awslab.lesson.demo.Pause;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code demo [LESSON] [--auto SECONDS] [--explain]}: plays a lesson for a class (the active one,
 * or the first, when none is named), pausing for Enter, or {@code SECONDS} between steps with
 * nobody at the keyboard; the CLI/SDK explanations show only with {@code --explain}.
 *
 * <pre>
 * demo 1
 * demo flotte --auto 5
 * </pre>
 */
@Command(name = "demo")
public final class DemoCommand extends BaseCommand {
    /** How a demo waits between steps, given the shell and the {@code --auto} delay if any. */
    @FunctionalInterface
    public interface Pauses {
        Pause create(ShellContext ctx, Optional<Duration> auto);

        /** {@code --auto}: sleep; an interactive terminal: Enter; otherwise (scripts): no wait. */
        Pauses STANDARD = (ctx, auto) -> auto.map(Pause::seconds)
                .orElseGet(() -> ctx.terminal().map(t -> Pause.enter(t.reader())).orElse(Pause.NONE));
    }

    /** The visible typing speed of the standard demo. */
    public static final Duration TYPING_DELAY = Duration.ofMillis(35);

    private final LessonEngine engine;
    private final CommandRunner runner;
    private final Pauses pauses;
    private final Duration typingDelay;

    @Parameters(arity = "0..1", paramLabel = "N|ID", descriptionKey = "help.demo.param.lesson",
            completionCandidates = LessonNames.class)
    String lesson;

    @Option(names = "--auto", paramLabel = "SECONDS", descriptionKey = "help.demo.option.auto")
    Integer autoSeconds;

    @Option(names = "--explain", descriptionKey = "help.demo.option.explain")
    boolean explain;

    public DemoCommand(LessonEngine engine, CommandRunner runner, Pauses pauses, Duration typingDelay) {
        this.engine = engine;
        this.runner = runner;
        this.pauses = pauses;
        this.typingDelay = typingDelay;
    }

    /** The shell's demo: Enter or {@code --auto}, visible typing. */
    public DemoCommand(LessonEngine engine, CommandRunner runner) {
        this(engine, runner, Pauses.STANDARD, TYPING_DELAY);
    }

    @Override
    protected int doCall() {
        if (autoSeconds != null && (autoSeconds < 0 || autoSeconds > 600)) {
            throw new UserException("err.demo.auto", autoSeconds);
        }
        Lesson chosen = Optional.ofNullable(lesson).map(engine::find)
                .or(engine::activeLesson)
                .orElse(engine.course().lessons().get(0));
        Pause pause = pauses.create(ctx(), Optional.ofNullable(autoSeconds).map(Duration::ofSeconds));
        // Nobody answers questions in an automatic demo: they are answered yes, visibly.
        new DemoPlayer(ctx(), engine, runner, pause, typingDelay).play(chosen, autoSeconds != null, explain);
        return 0;
    }
}
