package awslab.lesson.cmd;

import awslab.api.LessonNames;
import awslab.api.BaseCommand;
import awslab.lesson.Lesson;
import awslab.lesson.LessonEngine;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reset [LESSON] [--yes]}: after asking, forgets the progress of a lesson (or of all).
 * It deletes no cloud resource: that is {@code cleanup}.
 *
 * <pre>
 * reset 1
 * reset --yes
 * </pre>
 */
@Command(name = "reset")
public final class ResetCommand extends BaseCommand {
    private final LessonEngine engine;

    @Parameters(arity = "0..1", paramLabel = "N|ID", descriptionKey = "help.reset.param.lesson",
            completionCandidates = LessonNames.class)
    String lesson;

    @Option(names = {"-y", "--yes"}, descriptionKey = "help.reset.option.yes")
    boolean yes;

    public ResetCommand(LessonEngine engine) {
        this.engine = engine;
    }

    @Override
    protected int doCall() {
        Optional<Lesson> target = Optional.ofNullable(lesson).map(engine::find);
        String what = target.map(l -> engine.view().title(l)).orElse(ctx().messages().get("msg.lesson.reset.all"));
        if (!yes && !ctx().confirm("msg.lesson.reset.confirm", what)) {
            ctx().out().println(ctx().messages().get("msg.lesson.reset.kept", what));
            ctx().out().flush();
            return 1;
        }
        engine.reset(target);
        ctx().out().println(ctx().messages().get("msg.lesson.reset.done", what));
        ctx().out().flush();
        return 0;
    }
}
