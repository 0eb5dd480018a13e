package awslab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a student has done, as the progress store keeps it: a small, readable JSON file of
 * names (lesson and step ids), times and the resource ids checkpoints recorded.
 *
 * <pre>
 * {"formatVersion":1,"activeLesson":"01-premiere-instance","lessons":{"01-premiere-instance":
 *   {"currentStep":"stop","steps":{"launch":{"at":"2026-11-25T15:40:00Z","outcome":"PASSED"}},
 *    "facts":{"instance.id":"i-0abc"}}}}
 * </pre>
 */
public final class CourseProgress {
    int formatVersion = 1;
    String activeLesson;
    Map<String, LessonProgress> lessons = new TreeMap<>();

    public Optional<String> activeLesson() {
        return Optional.ofNullable(activeLesson);
    }

    public void activeLesson(String lessonId) {
        this.activeLesson = lessonId;
    }

    /** The progress of one lesson, created empty on first use. */
    public LessonProgress lesson(String lessonId) {
        if (lessons == null) {
            lessons = new TreeMap<>();
        }
        return lessons.computeIfAbsent(lessonId, id -> new LessonProgress());
    }

    /** Whether the student ever started {@code lessonId}. */
    public boolean started(String lessonId) {
        return lessons != null && lessons.containsKey(lessonId);
    }

    public void forget(String lessonId) {
        if (lessons != null) {
            lessons.remove(lessonId);
        }
        if (lessonId.equals(activeLesson)) {
            activeLesson = null;
        }
    }

    /** One lesson's progress: the step shown now, the steps done, the facts recorded. */
    public static final class LessonProgress {
        String currentStep;
        Map<String, StepDone> steps = new LinkedHashMap<>();
        Map<String, String> facts = new TreeMap<>();

        public Optional<String> currentStep() {
            return Optional.ofNullable(currentStep);
        }

        public void currentStep(String stepId) {
            this.currentStep = stepId;
        }

        public Map<String, StepDone> steps() {
            if (steps == null) {
                steps = new LinkedHashMap<>();
            }
            return steps;
        }

        public Map<String, String> facts() {
            if (facts == null) {
                facts = new TreeMap<>();
            }
            return facts;
        }

        public boolean done(String stepId) {
            return steps().containsKey(stepId);
        }
    }

    /**
     * A finished step: when, and how ({@code PASSED}: its checkpoint passed; {@code SKIPPED}: the
     * student moved on; {@code CANNOT_CHECK}: the target could not show it; {@code READ}).
     */
    public record StepDone(String at, String outcome) {}
}
