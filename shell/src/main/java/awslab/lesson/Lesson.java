package awslab.lesson;

import awslab.i18n.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lesson of the course: its folder id (e.g. {@code 01-premiere-instance}), its steps in
 * order, and its text in each language.
 *
 * <pre>
 * Lesson lesson = Course.packaged().lesson("01-premiere-instance").orElseThrow();
 * String intro = lesson.text(Language.FR).intro();
 * </pre>
 */
public record Lesson(String id, List<Step> steps, Map<Language, LessonText> texts) {

    public Lesson {
        steps = List.copyOf(steps);
        texts = Map.copyOf(texts);
    }

    public LessonText text(Language language) {
        return texts.get(language);
    }

    public String title(Language language) {
        return text(language).title();
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** The position of {@code stepId} in the lesson, or -1. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }
}
