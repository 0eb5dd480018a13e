package awslab.lesson;

import awslab.api.UserException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepTest {

    @Test
    void aStepIsRunByItsCommandPathWhateverItsArguments() {
        Step launch = new Step("launch", Step.Kind.COMMAND, "launch", Optional.of("instance-running"));
        assertTrue(launch.isRunBy(List.of("launch")));
        assertFalse(launch.isRunBy(List.of("status")));
        Step ssh = new Step("ssh", Step.Kind.COMMAND, "ssh i-0abc", Optional.empty());
        assertTrue(ssh.isRunBy(List.of("ssh")));
        Step create = new Step("create", Step.Kind.COMMAND, "fleet create", Optional.empty());
        assertTrue(create.isRunBy(List.of("fleet", "create")));
        assertFalse(create.isRunBy(List.of("fleet")), "fleet alone (its usage) is another command");
        assertFalse(create.isRunBy(List.of("fleet", "delete")));
        assertFalse(create.isRunBy(List.of()));
        Step java = new Step("look", Step.Kind.JAVA, "ec2.describeInstances()", Optional.empty());
        assertFalse(java.isRunBy(List.of("ec2.describeInstances()")), "Java is not a command");
    }

    @Test
    void commandWordsHonourQuotes() {
        assertEquals(List.of("launch", "--name", "ma première instance", "x"), awslab.api.LineSplitter.split(" launch --name \"ma première instance\" 'x' "));
        assertEquals(List.of("a", ""), awslab.api.LineSplitter.split("a ''"));
    }

    @Test
    void theStepsFileSaysWhereItIsWrong() {
        List<Step> steps = StepsFile.parse("s", "# c\nstep a\n  run launch\n  check x\n\nstep b\n  java ec2.describeInstances()\nstep c\n");
        assertEquals(List.of(Step.Kind.COMMAND, Step.Kind.JAVA, Step.Kind.READ), steps.stream().map(Step::kind).toList());
        assertEquals(Optional.of("x"), steps.get(0).checkpoint());
        UserException twoCommands = assertThrows(UserException.class, () -> StepsFile.parse("s", "step a\n run x\n java y\n"));
        assertEquals("err.course.steps.twoCommands", twoCommands.key());
        assertEquals(List.of("s", 3, "a"), List.of(twoCommands.args()), "the file, the line, the step");
        assertEquals("err.course.steps.first", assertThrows(UserException.class, () -> StepsFile.parse("s", "run x\n")).key());
        assertEquals("err.course.steps.id", assertThrows(UserException.class, () -> StepsFile.parse("s", "step Bad_Id\n")).key());
        assertEquals("err.course.steps.key", assertThrows(UserException.class, () -> StepsFile.parse("s", "step a\n hint x\n")).key());
        assertEquals("err.course.steps.noValue", assertThrows(UserException.class, () -> StepsFile.parse("s", "step a\n run\n")).key());
    }

    @Test
    void aLessonTextIsCutIntoSectionsOutsideCodeBlocks() {
        LessonText text = LessonText.parse("fr.md", "# Titre\n## intro\nBonjour\n## a\n```\n## pas une section\n```\n## a.hint\nAide\n");
        assertEquals("Titre", text.title());
        assertEquals(List.of("intro", "a", "a.hint"), List.copyOf(text.sections().keySet()));
        assertTrue(text.section("a").orElseThrow().contains("## pas une section"));
        assertEquals(Optional.of("Aide"), text.hint("a"));
        assertEquals("err.course.sectionTwice", assertThrows(UserException.class, () -> LessonText.parse("fr.md", "## a\n## a\n")).key());
    }

    @Test
    void lessonsAreFoundByNumberIdOrName() {
        Course course = Course.packaged();
        assertEquals("02-flotte", course.find("2").orElseThrow().id());
        assertEquals("02-flotte", course.find("02").orElseThrow().id());
        assertEquals("02-flotte", course.find("flotte").orElseThrow().id());
        assertEquals("00-connexion", course.find("00-connexion").orElseThrow().id());
        assertTrue(course.find("9").isEmpty());
    }
}
