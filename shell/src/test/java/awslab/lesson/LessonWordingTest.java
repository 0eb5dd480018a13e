package awslab.lesson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.Wiring;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.state.StateFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a student reads of the course names no internal id, and says what happened after it happened. */
class LessonWordingTest {
    private final Course course = Course.packaged();

    @TempDir
    Path dir;

    @Test
    void everyStepHasATitleInBothLanguages() {
        for (Lesson lesson : course.lessons()) {
            for (Language language : Language.values()) {
                for (Step step : lesson.steps()) {
                    assertTrue(lesson.text(language).stepTitle(step.id()).isPresent(),
                            lesson.id() + "/" + language.code() + ".md: give ## " + step.id() + " a title (## " + step.id() + ": …)");
                }
            }
        }
    }

    @Test
    void everyCheckpointIsDescribedInWordsInBothLanguages() {
        CheckpointRegistry registry = Wiring.checkpoints(new StateFiles(d -> {}), dir);
        for (Language language : Language.values()) {
            Messages messages = Messages.load(language);
            for (String id : registry.ids()) {
                assertTrue(messages.has("msg.checkpoint." + id), "msg.checkpoint." + id + " in lesson_" + language.code());
            }
        }
    }

    @Test
    void theSshStepCongratulatesOnlyOnceTheStudentIsBack() {
        for (Language language : Language.values()) {
            Lesson part1 = course.lessons().stream().filter(l -> l.id().equals("01-premiere-instance")).findFirst().orElseThrow();
            assertFalse(part1.text(language).section("ssh").orElseThrow().contains("🎉"), "before connecting, in " + language);
            assertTrue(part1.text(language).section("web-service").orElseThrow().startsWith("🎉"), "after, in " + language);
        }
    }

    @Test
    void theLessonsWriteOneApostrophe() {
        for (Lesson lesson : course.lessons()) {
            for (Language language : Language.values()) {
                lesson.text(language).sections().forEach((id, text) -> {
                    boolean fenced = false;
                    for (String line : text.split("\n")) {
                        fenced ^= line.strip().startsWith("```");
                        String prose = line.replaceAll("`[^`]*`", "");
                        assertTrue(fenced || line.startsWith("    ") || !prose.matches(".*\\w'\\w.*"),
                                lesson.id() + "/" + language.code() + ".md ## " + id + ": write ’ in «" + line + "»");
                    }
                });
            }
        }
    }
}
