package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import picocli.CommandLine.Command;

/**
 * {@code hint}: Helps with the current step.
 *
 * <pre>
 * hint
 * </pre>
 */
@Command(name = "hint")
public final class HintCommand extends BaseCommand {
    private final LessonEngine engine;

    public HintCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.hint();
        return 0;
    }
}
