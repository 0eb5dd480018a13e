package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import picocli.CommandLine.Command;

/**
 * {@code back}: Shows the previous step again.
 *
 * <pre>
 * back
 * </pre>
 */
@Command(name = "back")
public final class BackCommand extends BaseCommand {
    private final LessonEngine engine;

    public BackCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.back();
        return 0;
    }
}
