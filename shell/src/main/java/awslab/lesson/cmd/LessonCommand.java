package awslab.lesson.cmd;

import awslab.api.LessonNames;
import awslab.api.BaseCommand;
import awslab.lesson.LessonEngine;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lesson} lists the lessons with progress; {@code lesson N} (or its id) starts or resumes one.
 *
 * <pre>
 * lesson
 * lesson 1
 * lesson flotte
 * </pre>
 */
@Command(name = "lesson")
public final class LessonCommand extends BaseCommand {
    private final LessonEngine engine;

    @Parameters(arity = "0..1", paramLabel = "N|ID", descriptionKey = "help.lesson.param.lesson",
            completionCandidates = LessonNames.class)
    String lesson;

    public LessonCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        if (lesson == null) {
            engine.list();
        } else {
            engine.start(Optional.of(lesson));
        }
        return 0;
    }
}
