package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import picocli.CommandLine.Command;

/**
 * {@code check}: Verifies the current step's checkpoint again.
 *
 * <pre>
 * check
 * </pre>
 */
@Command(name = "check")
public final class CheckCommand extends BaseCommand {
    private final LessonEngine engine;

    public CheckCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.check();
        return 0;
    }
}
