package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import picocli.CommandLine.Command;

/**
 * {@code next}: Moves on: the step is done, has nothing to check, or its checkpoint passes now.
 *
 * <pre>
 * next
 * </pre>
 */
@Command(name = "next")
public final class NextCommand extends BaseCommand {
    private final LessonEngine engine;

    public NextCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.next();
        return 0;
    }
}
