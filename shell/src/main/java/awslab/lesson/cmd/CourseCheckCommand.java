package awslab.lesson.cmd;

import awslab.api.BaseCommand;
import awslab.api.ShellContext;
import awslab.lesson.Course;
import awslab.lesson.CourseCheck;
import awslab.lesson.CourseCheck.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course check [DIR]}: reads the course in {@code DIR} (by default the one this shell
 * teaches) and says, in the user's language, what stops it from being taught: a missing file or
 * text, a step's command that does not parse, a checkpoint the shell lacks, a Java snippet that
 * does not compile. Exit code 1 when anything is wrong.
 *
 * <pre>
 * course check lessons
 * ./awslab course check ~/mon-cours     # one-shot, no Maven needed
 * </pre>
 */
@Command(name = "check")
final class CourseCheckCommand extends BaseCommand {
    @ParentCommand
    CourseCommand parent;

    @Parameters(arity = "0..1", paramLabel = "DIR", descriptionKey = "help.course.check.param.dir")
    Path dir;

    @Override
    protected int doCall() {
        ShellContext shell = parent.shell();
        Optional<Path> folder = Optional.ofNullable(dir).or(parent::courseDir).map(d -> d.toAbsolutePath().normalize());
        String where = folder.map(Path::toString).orElseGet(() -> shell.messages().get("msg.course.packaged"));
        shell.out().println(shell.messages().get("msg.course.checking", where));
        CourseCheck check = parent.check();
        List<Problem> problems = folder.map(check::folder).orElseGet(() -> check.all(Course.packaged()));
        for (Problem problem : problems) {
            shell.out().println(shell.messages().get("msg.course.problem", shell.messages().get(problem.key(), problem.argArray())));
        }
        if (!problems.isEmpty()) {
            shell.out().println(shell.messages().get("msg.course.problems", problems.size(), where));
            return 1;
        }
        Course course = folder.map(Course::load).orElseGet(Course::packaged);
        long steps = course.lessons().stream().mapToLong(l -> l.steps().size()).sum();
        shell.out().println(shell.messages().get("msg.course.ready", where, course.lessons().size(), steps));
        return 0;
    }
}
