package awslab.lesson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps {@link CourseProgress} in {@code <stateDir>/progress.json}, safe against a shell killed
 * at any moment and against two shells open at once.
 *
 * <ul>
 *   <li>Atomic: the new content goes to a temporary file in the same folder, is flushed to disk,
 *       then renamed over the old file in one step. A reader sees the old file or the new one,
 *       never half of one; a temporary file left by a killed shell is ignored.
 *   <li>No lost updates: every change is a function applied under a lock (a JVM lock plus a
 *       {@link FileLock} on {@code progress.json.lock} for other processes) to the state read
 *       from disk at that moment — read, merge, write — so a step one shell finished is never
 *       overwritten by another shell's older copy.
 * </ul>
 *
 * <pre>
 * ProgressStore store = new ProgressStore(stateDir);
 * store.update(p -&gt; p.lesson("01-premiere-instance").currentStep("stop"));
 * CourseProgress now = store.read();
 * </pre>
 */
public final class ProgressStore {
    public static final String FILE = "progress.json";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;
    private final Path lockFile;

    public ProgressStore(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        this.file = dir.resolve(FILE);
        this.lockFile = dir.resolve(FILE + ".lock");
    }

    public Path file() {
        return file;
    }

    /** The progress as last written (empty when none was ever written). */
    public CourseProgress read() {
        return withLock(this::readFile);
    }

    /** Applies {@code change} to the current progress on disk and writes it back atomically; returns the result. */
    public CourseProgress update(Consumer<CourseProgress> change) {
        return withLock(() -> {
            CourseProgress progress = readFile();
            change.accept(progress);
            writeFile(progress);
            return progress;
        });
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private <T> T withLock(Action<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the progress file " + file, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private CourseProgress readFile() throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new CourseProgress();
        }
        try {
            CourseProgress progress = GSON.fromJson(json, CourseProgress.class);
            return progress == null ? new CourseProgress() : progress;
        } catch (JsonParseException e) {
            // Only a hand edit can break the file (writes are atomic): keep it aside, start afresh.
            Files.move(file, file.resolveSibling(FILE + ".broken-" + System.currentTimeMillis()), StandardCopyOption.REPLACE_EXISTING);
            return new CourseProgress();
        }
    }

    private void writeFile(CourseProgress progress) throws IOException {
        deleteLeftovers();
        Path temp = Files.createTempFile(file.getParent(), FILE + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(GSON.toJson(progress).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary files of shells killed mid-write: under the lock, no other writer can own one. */
    private void deleteLeftovers() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(file.getParent(), FILE + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Makes the rename itself durable where the platform allows it (Linux, macOS); a no-op elsewhere. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory: the rename is still atomic, only its durability is weaker.
        }
    }
}
