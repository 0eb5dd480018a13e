package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.api.ShellContext;
import awslab.lesson.CourseCheck;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * {@code course}: the course itself, for instructors. {@code course check [DIR]} proves a course
 * folder is ready to teach (see {@link CourseCheckCommand}).
 *
 * <pre>
 * course check
 * course check ~/mon-cours
 * </pre>
 */
@Command(name = "course", subcommands = CourseCheckCommand.class)
public final class CourseCommand extends BaseCommand {
    private final Supplier<CourseCheck> check;
    private final Optional<Path> courseDir;

    /**
     * @param check the course check, with the shell's commands and checkpoints
     * @param courseDir the folder of the course this shell teaches ({@code --course}), empty for the packaged one
     */
    public CourseCommand(Supplier<CourseCheck> check, Optional<Path> courseDir) {
        this.check = check;
        this.courseDir = courseDir;
    }

    CourseCheck check() {
        return check.get();
    }

    Optional<Path> courseDir() {
        return courseDir;
    }

    ShellContext shell() {
        return ctx();
    }

    /** {@code course} alone says what it offers. */
    @Override
    protected int doCall() {
        ctx().out().println(ctx().messages().get("msg.course.usage"));
        return 0;
    }
}
