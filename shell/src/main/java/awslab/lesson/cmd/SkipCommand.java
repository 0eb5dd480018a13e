package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import picocli.CommandLine.Command;

/**
 * {@code skip}: Moves on without the checkpoint, marking the step skipped.
 *
 * <pre>
 * skip
 * </pre>
 */
@Command(name = "skip")
public final class SkipCommand extends BaseCommand {
    private final LessonEngine engine;

    public SkipCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.skip();
        return 0;
    }
}
