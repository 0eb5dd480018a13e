package awslab.state;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A state file that several processes (two shells, a shell and the sandbox) read and change:
 * every {@link #update} reads the file as it is on disk now, applies the change and writes the
 * result, all under the file's lock, so no process overwrites another's change with an older
 * copy. Made by {@link StateFiles#shared}.
 *
 * <pre>
 * SharedFile&lt;CourseProgress&gt; progress = files.shared(dir.resolve("progress.json"), PROGRESS);
 * progress.update(p -&gt; { p.activeLesson("01"); return p; });
 * CourseProgress now = progress.read();
 * </pre>
 *
 * @param <T> the value the file holds
 */
public final class SharedFile<T> {
    private final StateFiles files;
    private final Path file;
    private final Format<T> format;

    SharedFile(StateFiles files, Path file, Format<T> format) {
        this.files = files;
        this.file = file;
        this.format = format;
    }

    public Path file() {
        return file;
    }

    /** The value as last written (the format's empty value when there is none). */
    public T read() {
        return files.read(file, format);
    }

    /** Applies {@code change} to the value on disk now and writes the result back; returns it. */
    public T update(UnaryOperator<T> change) {
        return files.update(file, format, change);
    }
}
