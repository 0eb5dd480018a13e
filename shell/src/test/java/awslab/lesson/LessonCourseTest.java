package awslab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.cli.ShellFixture;
import awslab.i18n.Language;
import awslab.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course check on the repository's {@code lessons/} (read from disk, as {@code ./awslab}
 * teaches it) and on the copy packaged in the jar: the very code of {@code course check}.
 */
class LessonCourseTest {
    /** The repository's course, as the build sees it from the shell module. */
    static final Path LESSONS = Path.of("..", "lessons");

    /** The shell's commands and checkpoints; parsing only: the endpoint (a closed loopback port) is never called. */
    static CourseCheck shellCheck() {
        try {
            ShellFixture shell = ShellFixture.on(Target.endpoint(URI.create("http://127.0.0.1:9"), "us-east-1"),
                    Files.createTempDirectory("awslab-course"), Language.EN);
            return new CourseCheck(shell.wiring().lessons().registry(), shell.interpreter().runner()::parses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Course course = Course.load(LESSONS);

    @Test
    void theLessonsAreTheOnesTheManifestNamesInOrder() throws IOException {
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(LESSONS.resolve(Course.MANIFEST), StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        List<String> listed = Arrays.stream(manifest.getProperty("lessons").split(",")).map(String::strip).toList();
        assertEquals(Course.FORMAT_VERSION, course.formatVersion());
        assertEquals(listed, course.lessons().stream().map(Lesson::id).toList());
        course.lessons().forEach(l -> assertFalse(l.steps().isEmpty(), l.id() + " has no steps"));
        assertEquals(listed, Course.packaged().lessons().stream().map(Lesson::id).toList(), "the jar carries the same course");
    }

    @Test
    void theCourseCheckFindsNothingWrong() {
        assertEquals(List.of(), shellCheck().folder(LESSONS));
    }

    @Test
    void theCourseMeetsTheSdkInJava() {
        assertTrue(course.lessons().stream().flatMap(l -> l.steps().stream()).anyMatch(s -> s.kind() == Step.Kind.JAVA),
                "students should meet the SDK in Java snippets");
    }

    @Test
    void theFrenchTextKeepsEveryWizardNoteOfTheLab() {
        String french = course.lessons().stream()
                .flatMap(l -> l.text(Language.FR).sections().values().stream())
                .collect(Collectors.joining("\n"));
        for (String note : List.of(
                "🧙‍♂️ La taille de la machine n’affectera pas les performances du TP",
                "🧙‍♂️ AWS est une plateforme qui doit permettre à une équipe IT de recréer toute une architecture physique",
                "🧙‍♂️ `sudo` permet de lancer une commande en mode « super utilisateur »",
                "🧙‍♂️ Lorsque vous arrêtez votre machine, AWS libère les ressources associées",
                "🧙‍♂️ Chacun de ces sous-réseaux est situé dans un datacenter différent",
                "mais sans le `sudo` car par défaut le script de lancement est exécuté en super utilisateur",
                "while : ; do : ; done",
                "**hautement disponible** et **élastique**")) {
            assertTrue(french.contains(note), "the French course lost the lab's text: " + note);
        }
    }

    @Test
    void theCourseCheckFindsOrphansMissingStepsUnknownCommandsCheckpointsAndJava(@TempDir Path dir) throws IOException {
        write(dir, "course.properties", "format_version=1\nlessons=09-x\n");
        write(dir, "09-x/steps", "step a\n  run launch --no-such-option\n  check no-such-check\nstep b\nstep c\n  java ec2.noSuchMethod()\n"
                + "step d\n  java ec2.describeInstances().reservations().size()\n");
        write(dir, "09-x/fr.md", "# X\n## intro\nbonjour\n## a\ntapez `launch --no-such-option`\n## zzz\norphelin\n"
                + "## c\n`ec2.noSuchMethod()`\n## d\n`ec2.describeInstances().reservations().size()`\n");
        write(dir, "09-x/en.md", "# X\n## intro\nhello\n## a\ntype it\n## b\nread\n"
                + "## c\n`ec2.noSuchMethod()`\n## d\n`ec2.describeInstances().reservations().size()`\n");
        List<CourseCheck.Problem> problems = shellCheck().folder(dir);
        List<String> keys = problems.stream().map(CourseCheck.Problem::key).toList();
        assertTrue(problems.contains(new CourseCheck.Problem("err.course.check.noStepText", List.of("09-x/fr.md", "b"))), problems.toString());
        assertTrue(problems.contains(new CourseCheck.Problem("err.course.check.orphan", List.of("09-x/fr.md", "zzz"))), problems.toString());
        assertTrue(problems.contains(new CourseCheck.Problem("err.course.check.neverShown", List.of("09-x/en.md", "a", "launch --no-such-option"))),
                problems.toString());
        assertTrue(keys.contains("err.course.check.sections"), problems.toString());
        assertTrue(problems.contains(new CourseCheck.Problem("err.course.check.command", List.of("09-x/steps", "a", "launch --no-such-option"))),
                problems.toString());
        assertEquals(1, keys.stream().filter("err.course.check.checkpoint"::equals).count(), problems.toString());
        List<CourseCheck.Problem> java = problems.stream().filter(p -> p.key().equals("err.course.check.java")).toList();
        assertEquals(1, java.size(), "only the snippet that does not compile: " + problems);
        assertTrue(java.get(0).args().get(3).toString().contains("noSuchMethod"), java.toString());
    }

    @Test
    void whatStopsACourseFromBeingReadIsOneProblemThatNamesTheFile(@TempDir Path dir) throws IOException {
        assertEquals(List.of(new CourseCheck.Problem("err.course.notCourse", List.of(dir, Course.MANIFEST))), shellCheck().folder(dir));
        write(dir, "course.properties", "format_version=2\nlessons=a\n");
        assertEquals("err.course.format", shellCheck().folder(dir).get(0).key());
        write(dir, "course.properties", "format_version=1\nlessons=a\n");
        assertEquals(List.of(new CourseCheck.Problem("err.course.fileMissing", List.of(dir + java.io.File.separator + "a/steps"))),
                shellCheck().folder(dir));
        write(dir, "a/steps", "step one\n  run launch\n  oops x\n");
        write(dir, "a/fr.md", "# A\n");
        write(dir, "a/en.md", "# A\n");
        assertEquals(List.of(new CourseCheck.Problem("err.course.steps.key", List.of(dir + java.io.File.separator + "a/steps", 3, "oops"))),
                shellCheck().folder(dir));
    }

    private static void write(Path dir, String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }
}
