package awslab.lesson;

import awslab.i18n.Language;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import picocli.CommandLine;

/**
 * The course check (rustlings' {@code dev check}): proves the lessons are well-formed. Each
 * method returns the problems it found, one readable line each; none means all is well.
 *
 * <pre>
 * assertEquals(List.of(), CourseCheck.texts(Course.load()));
 * assertEquals(List.of(), CourseCheck.commands(course, CourseCheck.parsesWith(root)));
 * </pre>
 */
final class CourseCheck {
    static final String WIZARD = "🧙‍♂️";

    private CourseCheck() {}

    /** Both languages have a title, an intro and every step; no section is orphaned; both say as much. */
    static List<String> texts(Course course) {
        List<String> problems = new ArrayList<>();
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
                    problems.add(where + ": no '# Title' line");
                }
                if (text.intro().isBlank()) {
                    problems.add(where + ": no '## intro' section");
                }
                for (Step step : lesson.steps()) {
                    String body = text.section(step.id()).orElse("");
                    if (body.isBlank()) {
                        problems.add(where + ": no text for step " + step.id());
                    } else if (step.kind() != Step.Kind.READ && !body.contains(step.line())) {
                        problems.add(where + ": step " + step.id() + " never shows what to type: " + step.line());
                    }
                }
                text.sections().keySet().stream()
                        .filter(s -> !allowed.contains(s))
                        .forEach(s -> problems.add(where + ": orphaned section '## " + s + "' (no such step)"));
            }
            LessonText fr = lesson.text(Language.FR);
            LessonText en = lesson.text(Language.EN);
            if (!fr.sections().keySet().equals(en.sections().keySet())) {
                problems.add(lesson.id() + ": fr.md has sections " + fr.sections().keySet() + ", en.md has " + en.sections().keySet());
            }
            for (String section : fr.sections().keySet()) {
                String frText = fr.sections().get(section);
                String enText = en.sections().getOrDefault(section, "");
                if (count(frText, WIZARD) != count(enText, WIZARD) || count(frText, "```") != count(enText, "```")) {
                    problems.add(lesson.id() + " ## " + section + ": the French and English texts differ in 🧙‍♂️ notes or code blocks");
                }
            }
        }
        return problems;
    }

    /** Every checkpoint a step names is in the registry. */
    static List<String> checkpoints(Course course, CheckpointRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            for (Step step : lesson.steps()) {
                step.checkpoint().filter(id -> !registry.has(id))
                        .ifPresent(id -> problems.add(lesson.id() + "/" + step.id() + ": checkpoint '" + id + "' is not registered"));
            }
        }
        return problems;
    }

    /** Every shell command a step names parses (the command exists, its options are right). */
    static List<String> commands(Course course, Function<List<String>, Boolean> parses) {
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            for (Step step : lesson.steps()) {
                if (step.kind() == Step.Kind.COMMAND && !parses.apply(step.words())) {
                    problems.add(lesson.id() + "/" + step.id() + ": '" + step.line() + "' does not parse");
                }
            }
        }
        return problems;
    }

    /** Parsing with the shell's root command line: the first word must be one of its subcommands. */
    static Function<List<String>, Boolean> parsesWith(CommandLine root) {
        return words -> {
            try {
                List<CommandLine> parsed = root.parseArgs(words.toArray(String[]::new)).asCommandLineList();
                return parsed.size() > 1;
            } catch (CommandLine.ParameterException e) {
                return false;
            }
        };
    }

    /**
     * Every Java snippet compiles against the SDK, with the clients the shell binds in JShell
     * ({@code ec2}, {@code autoScaling}, {@code elb}, {@code sts}) as variables.
     */
    static List<String> javaSnippets(Course course) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return List.of("no Java compiler: run the tests on a JDK");
        }
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : course.lessons()) {
            for (Step step : lesson.steps()) {
                if (step.kind() != Step.Kind.JAVA) {
                    continue;
                }
                String source = "class Snippet { Object run(software.amazon.awssdk.services.ec2.Ec2Client ec2,"
                        + " software.amazon.awssdk.services.autoscaling.AutoScalingClient autoScaling,"
                        + " software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client elb,"
                        + " software.amazon.awssdk.services.sts.StsClient sts) {\n return " + step.line() + ";\n} }";
                JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
                StringWriter errors = new StringWriter();
                List<String> options = List.of("-proc:none", "-d", System.getProperty("java.io.tmpdir") + "/awslab-snippets",
                        "-classpath", System.getProperty("java.class.path"));
                boolean ok = compiler.getTask(errors, null, null, options, null, List.of(file)).call();
                if (!ok) {
                    problems.add(lesson.id() + "/" + step.id() + ": '" + step.line() + "' does not compile: " + errors);
                }
            }
        }
        return problems;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
