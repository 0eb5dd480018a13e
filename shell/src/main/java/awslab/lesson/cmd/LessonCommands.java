package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import awslab.lesson.demo.CommandRunner;
import java.util.List;

/**
 * The lesson area's commands, for the shell to register in one place.
 *
 * <pre>
 * LessonEngine engine = new LessonEngine(ctx);
 * shell.addListener(engine);
 * LessonCommands.all(engine, shell::runLine).forEach(root::addSubcommand);
 * </pre>
 */
public final class LessonCommands {
    private LessonCommands() {}

    /** {@code lesson}, {@code next}, {@code back}, {@code skip}, {@code check}, {@code hint}, {@code progress}, {@code reset}, {@code demo}. */
    public static List<BaseCommand> all(LessonEngine engine, CommandRunner runner) {
        return List.of(
                new LessonCommand(engine),
                new NextCommand(engine),
                new BackCommand(engine),
                new SkipCommand(engine),
                new CheckCommand(engine),
                new HintCommand(engine),
                new ProgressCommand(engine),
                new ResetCommand(engine),
                new DemoCommand(engine, runner));
    }
}
