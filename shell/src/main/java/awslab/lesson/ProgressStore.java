package awslab.lesson;

import awslab.state.Format;
import awslab.state.SharedFile;
import awslab.state.StateFiles;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Keeps {@link CourseProgress} in {@code <stateDir>/progress.json}, safe against a shell killed
 * at any moment and against two shells open at once: a {@link SharedFile} of the one state
 * store, so every change is a function applied to the progress on disk at that moment under the
 * file's lock (read, merge, write), and the file is replaced atomically. A damaged file is set
 * aside and the user told; the course then starts afresh.
 *
 * <pre>
 * ProgressStore store = new ProgressStore(files, stateDir);
 * store.update(p -&gt; p.lesson("01-premiere-instance").currentStep("stop"));
 * CourseProgress now = store.read();
 * </pre>
 */
public final class ProgressStore {
    public static final String FILE = "progress.json";
    private static final Format<CourseProgress> FORMAT = Format.json("progress", CourseProgress.class, CourseProgress::new);

    private final SharedFile<CourseProgress> file;

    public ProgressStore(StateFiles files, Path stateDir) {
        this.file = files.shared(stateDir.resolve(FILE), FORMAT);
    }

    public Path file() {
        return file.file();
    }

    /** The progress as last written (empty when none was ever written). */
    public CourseProgress read() {
        return file.read();
    }

    /** Applies {@code change} to the current progress on disk and writes it back atomically; returns the result. */
    public CourseProgress update(Consumer<CourseProgress> change) {
        return file.update(progress -> {
            change.accept(progress);
            return progress;
        });
    }
}
