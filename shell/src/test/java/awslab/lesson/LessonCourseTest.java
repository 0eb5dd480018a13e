package awslab.lesson;

import awslab.state.StateFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The course check: the lessons packaged with the shell are well-formed and faithful to the lab. */
class LessonCourseTest {
    /** The shell's root command line (every registered command), to prove each step's command parses. */
    private static final Supplier<CommandLine> ROOT = LessonCourseTest::shellRoot;

    /** Parsing only: the endpoint (a closed loopback port) is never called. */
    static CommandLine shellRoot() {
        try {
            return awslab.cli.ShellFixture.on(
                    awslab.target.Target.endpoint(java.net.URI.create("http://127.0.0.1:9"), "us-east-1"),
                    java.nio.file.Files.createTempDirectory("awslab-course"), Language.EN).rootCommandLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Course course = Course.load();

    @Test
    void theCourseIsPackagedWithTheLessonsInOrder() {
        assertEquals(Course.FORMAT_VERSION, course.formatVersion());
        assertEquals(List.of("00-connexion", "01-premiere-instance", "02-flotte", "03-nettoyage"),
                course.lessons().stream().map(Lesson::id).toList());
        course.lessons().forEach(l -> assertFalse(l.steps().isEmpty(), l.id() + " has no steps"));
    }

    @Test
    void everyStepHasItsTextInBothLanguagesAndNoTextIsOrphaned() {
        assertEquals(List.of(), CourseCheck.texts(course));
    }

    @Test
    void everyCheckpointAStepNamesIsRegistered() {
        CheckpointRegistry registered = awslab.Wiring.checkpoints(new StateFiles(damage -> {}), Path.of("unused-state"));
        assertEquals(List.of(), CourseCheck.checkpoints(course, registered), "registered: " + registered.ids());
    }

    @Test
    void everyCommandAStepNamesExistsAndParses() {
        assertEquals(List.of(), CourseCheck.commands(course, CourseCheck.parsesWith(ROOT.get())));
    }

    @Test
    void everyJavaSnippetCompilesAgainstTheSdk() {
        assertTrue(course.lessons().stream().flatMap(l -> l.steps().stream()).anyMatch(s -> s.kind() == Step.Kind.JAVA),
                "students should meet the SDK in Java snippets");
        assertEquals(List.of(), CourseCheck.javaSnippets(course));
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
    void theCourseCheckFindsOrphansMissingStepsAndUnknownCheckpoints() {
        Course broken = Course.load(path -> switch (path) {
            case "course.properties" -> java.util.Optional.of("format_version=1\nlessons=09-x\n");
            case "09-x/steps" -> java.util.Optional.of("step a\n  run launch\n  check no-such-check\nstep b\nstep c\n  java ec2.noSuchMethod()\n");
            case "09-x/fr.md" -> java.util.Optional.of("# X\n## intro\nbonjour\n## a\ntapez `launch`\n## zzz\norphelin\n");
            case "09-x/en.md" -> java.util.Optional.of("# X\n## intro\nhello\n## a\ntype it\n## b\nread\n");
            default -> java.util.Optional.empty();
        });
        List<String> problems = CourseCheck.texts(broken);
        assertTrue(problems.stream().anyMatch(p -> p.contains("fr.md: no text for step b")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("orphaned section '## zzz'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("en.md: step a never shows what to type")), problems.toString());
        assertEquals(1, CourseCheck.checkpoints(broken, new CheckpointRegistry(List.of())).size());
        assertEquals(1, CourseCheck.commands(broken, CourseCheck.parsesWith(lessonCommandsOnly())).size());
        List<String> snippets = CourseCheck.javaSnippets(broken);
        assertEquals(1, snippets.size(), snippets.toString());
        assertTrue(snippets.get(0).contains("noSuchMethod"), snippets.toString());
    }

    @Command(name = "awslab")
    static final class Root {}

    /** The lesson commands as the shell will register them (parsing only: nothing runs). */
    static CommandLine lessonCommandsOnly() {
        CommandLine root = new CommandLine(new Root());
        awslab.lesson.cmd.LessonCommands.all(null, null).forEach(root::addSubcommand);
        return root;
    }
}
