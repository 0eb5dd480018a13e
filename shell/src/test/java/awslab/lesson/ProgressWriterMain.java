package awslab.lesson;

import awslab.state.StateFiles;

import java.nio.file.Path;

/**
 * A second shell, for the progress store's tests: another JVM that finishes steps
 * {@code PREFIX0} … {@code PREFIX(N-1)} of a lesson, one update each, as a shell would.
 *
 * <pre>
 * java -cp … awslab.lesson.ProgressWriterMain STATE_DIR LESSON PREFIX N
 * </pre>
 */
public final class ProgressWriterMain {
    private ProgressWriterMain() {}

    public static void main(String[] args) {
        ProgressStore store = new ProgressStore(new StateFiles(damage -> {}), Path.of(args[0]));
        String lesson = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            String step = prefix + i;
            store.update(p -> {
                p.lesson(lesson).steps().put(step, new CourseProgress.StepDone("2026-01-01T00:00:00Z", "PASSED"));
                p.lesson(lesson).facts().put(prefix + ".last", step);
            });
        }
    }
}
