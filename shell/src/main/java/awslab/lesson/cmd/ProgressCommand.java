package awslab.lesson.cmd;

import awslab.api.LessonNames;
import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code progress [LESSON]}: the checklist of the active lesson (or the one named), with times.
 *
 * <pre>
 * progress
 * progress 2
 * </pre>
 */
@Command(name = "progress")
public final class ProgressCommand extends BaseCommand {
    private final LessonEngine engine;

    @Parameters(arity = "0..1", paramLabel = "N|ID", descriptionKey = "help.progress.param.lesson",
            completionCandidates = LessonNames.class)
    String lesson;

    public ProgressCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        engine.progress(Optional.ofNullable(lesson));
        return 0;
    }
}
