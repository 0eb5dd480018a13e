package awslab.lesson;

import awslab.api.UserException;
import awslab.i18n.Language;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The course check (rustlings' {@code dev check}): proves a course is well-formed, for an
 * instructor who edits one ({@code course check DIR}) and for the build (the course test calls
 * this very code). It reads the course, then checks the texts in both languages, that every
 * step's command parses, that every checkpoint exists and that every Java snippet compiles
 * against the SDK. Each problem is an i18n key with its arguments, naming the file and the step.
 *
 * <pre>
 * CourseCheck check = new CourseCheck(engine.registry(), runner::parses);
 * List&lt;CourseCheck.Problem&gt; problems = check.folder(Path.of("lessons"));
 * </pre>
 */
public final class CourseCheck {
    static final String WIZARD = "🧙‍♂️";

    /** One thing wrong with a course: a message key of the lesson bundle and its arguments. */
    public record Problem(String key, List<Object> args) {
        Problem(String key, Object... args) {
            this(key, List.of(args));
        }

        public Object[] argArray() {
            return args.toArray();
        }
    }

    private final CheckpointRegistry registry;
    private final Predicate<List<String>> parses;

    /**
     * @param registry the checkpoints a step may name
     * @param parses whether the shell parses a command's words (the command exists, its options are right)
     */
    public CourseCheck(CheckpointRegistry registry, Predicate<List<String>> parses) {
        this.registry = registry;
        this.parses = parses;
    }

    /** Reads the course in {@code dir} and checks it: the first problem that stops reading, or all the others. */
    public List<Problem> folder(Path dir) {
        Course course;
        try {
            course = Course.load(dir);
        } catch (UserException e) {
            return List.of(new Problem(e.key(), e.args()));
        }
        return all(course);
    }

    /** Every check on a course that could be read. */
    public List<Problem> all(Course course) {
        List<Problem> problems = new ArrayList<>(texts(course));
        problems.addAll(commands(course));
        problems.addAll(checkpoints(course));
        problems.addAll(javaSnippets(course));
        return problems;
    }

    /** Both languages have a title, an intro and every step; no section is orphaned; both say as much. */
    static List<Problem> texts(Course course) {
        List<Problem> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            Set<String> allowed = new LinkedHashSet<>(List.of(LessonText.INTRO, LessonText.OUTRO));
            lesson.steps().forEach(s -> {
                allowed.add(s.id());
                allowed.add(s.id() + LessonText.HINT_SUFFIX);
            });
            for (Language language : Language.values()) {
                String where = lesson.id() + "/" + language.code() + ".md";
                LessonText text = lesson.text(language);
                if (text.title().isBlank()) {
                    problems.add(new Problem("err.course.check.noTitle", where));
                }
                if (text.intro().isBlank()) {
                    problems.add(new Problem("err.course.check.noIntro", where));
                }
                for (Step step : lesson.steps()) {
                    String body = text.section(step.id()).orElse("");
                    if (body.isBlank()) {
                        problems.add(new Problem("err.course.check.noStepText", where, step.id()));
                    } else if (step.kind() != Step.Kind.READ && !body.contains(step.line())) {
                        problems.add(new Problem("err.course.check.neverShown", where, step.id(), step.line()));
                    }
                }
                text.sections().keySet().stream()
                        .filter(s -> !allowed.contains(s))
                        .forEach(s -> problems.add(new Problem("err.course.check.orphan", where, s)));
            }
            LessonText fr = lesson.text(Language.FR);
            LessonText en = lesson.text(Language.EN);
            if (!fr.sections().keySet().equals(en.sections().keySet())) {
                problems.add(new Problem("err.course.check.sections", lesson.id(),
                        String.join(", ", fr.sections().keySet()), String.join(", ", en.sections().keySet())));
            }
            for (String section : fr.sections().keySet()) {
                String frText = fr.sections().get(section);
                String enText = en.sections().getOrDefault(section, "");
                if (count(frText, WIZARD) != count(enText, WIZARD) || count(frText, "```") != count(enText, "```")) {
                    problems.add(new Problem("err.course.check.notes", lesson.id(), section));
                }
            }
        }
        return problems;
    }

    /** Every checkpoint a step names is one the shell has. */
    List<Problem> checkpoints(Course course) {
        List<Problem> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            for (Step step : lesson.steps()) {
                step.checkpoint().filter(id -> !registry.has(id)).ifPresent(id -> problems.add(
                        new Problem("err.course.check.checkpoint", lesson.id() + "/steps", step.id(), id,
                                String.join(", ", registry.ids()))));
            }
        }
        return problems;
    }

    /** Every shell command a step names parses. */
    List<Problem> commands(Course course) {
        List<Problem> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            for (Step step : lesson.steps()) {
                if (step.kind() == Step.Kind.COMMAND && !parses.test(step.words())) {
                    problems.add(new Problem("err.course.check.command", lesson.id() + "/steps", step.id(), step.line()));
                }
            }
        }
        return problems;
    }

    /**
     * Every Java snippet compiles against the SDK on this shell's class path, with the clients
     * the shell binds in JShell ({@code ec2}, {@code autoScaling}, {@code elb}, {@code sts},
     * {@code ssm}, {@code cloudWatch}) as variables: as a statement, else as an expression.
     */
    static List<Problem> javaSnippets(Course course) {
        List<Step> snippets = course.lessons().stream().flatMap(l -> l.steps().stream()).filter(s -> s.kind() == Step.Kind.JAVA).toList();
        if (snippets.isEmpty()) {
            return List.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return List.of(new Problem("err.course.check.noCompiler"));
        }
        List<Problem> problems = new ArrayList<>();
        Path classes = temporaryDirectory();
        try {
            for (Lesson lesson : course.lessons()) {
                for (Step step : lesson.steps()) {
                    if (step.kind() != Step.Kind.JAVA) {
                        continue;
                    }
                    String line = step.line().strip();
                    String asStatement = line.endsWith(";") || line.endsWith("}") ? line : line + ";";
                    String errors = compile(compiler, classes, asStatement);
                    if (!errors.isEmpty() && !line.endsWith(";")) {
                        String asExpression = compile(compiler, classes, "Object value = " + line + ";");
                        errors = asExpression.isEmpty() ? "" : errors;
                    }
                    if (!errors.isEmpty()) {
                        problems.add(new Problem("err.course.check.java", lesson.id() + "/steps", step.id(), line, errors.strip()));
                    }
                }
            }
        } finally {
            delete(classes);
        }
        return problems;
    }

    /** javac's messages for {@code body} in a method that has the shell's clients, or empty when it compiles. */
    private static String compile(JavaCompiler compiler, Path classes, String body) {
        String source = "class Snippet { void run(software.amazon.awssdk.services.ec2.Ec2Client ec2,"
                + " software.amazon.awssdk.services.autoscaling.AutoScalingClient autoScaling,"
                + " software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client elb,"
                + " software.amazon.awssdk.services.sts.StsClient sts,"
                + " software.amazon.awssdk.services.ssm.SsmClient ssm,"
                + " software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch) throws Exception {\n"
                + body + "\n} }";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-nowarn", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"));
        boolean ok = compiler.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
        // javac's own words, on one line: "cannot find symbol symbol: method noSuchMethod() location: …".
        return ok ? "" : diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null).replaceAll("\\s+", " "))
                .findFirst().orElse("?");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("awslab-course-check");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is the system's to clean.
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
