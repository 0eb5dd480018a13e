package awslab.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one component that reads and writes awslab's state files (settings, progress, known hosts,
 * known addresses, credentials, keys, the sandbox's resources), so that each of them is:
 *
 * <ul>
 *   <li><b>atomic and durable</b>: the new content goes to a temporary file in the same folder,
 *       is forced to disk, renamed over the old one in one step, and the folder itself is forced
 *       (where the platform allows it). A reader sees the old file or the new one, never half;
 *       a temporary file left by a process killed mid-write is removed by the next writer;
 *   <li><b>owner-only where secret</b> ({@link Access#OWNER_ONLY}: 600 for the file, 700 for its
 *       folder, on POSIX file systems);
 *   <li><b>locked across processes</b>: every access holds a lock on a sibling {@code NAME.lock}
 *       (a {@link FileLock}, plus a lock per file inside this JVM, since a JVM cannot hold two
 *       file locks on one file), so {@link SharedFile#update} reads, merges and writes with no
 *       other shell in between: two shells lose no update;
 *   <li><b>never silently lost</b>: a file that cannot be parsed is moved aside as
 *       {@code NAME.damaged-2026-11-30T15-40-03Z}, the caller goes on with the format's empty
 *       value, and {@code onDamage} hears which file, where it is kept and why.
 * </ul>
 *
 * <pre>
 * StateFiles files = new StateFiles(damage -&gt; console.warn(…));
 * StateFiles.write(stateDir.resolve("credentials"), text, StateFiles.Access.OWNER_ONLY); // nothing to read: static
 * SharedFile&lt;Properties&gt; settings = files.shared(stateDir.resolve("settings.properties"), Format.properties("settings"));
 * settings.update(p -&gt; { p.setProperty("language", "fr"); return p; });
 * </pre>
 */
public final class StateFiles {
    /** Who may read a file. */
    public enum Access {
        /** The user's umask decides (progress, settings, known hosts). */
        PLAIN,
        /** Credentials and private keys: the owner only. */
        OWNER_ONLY
    }

    private static final DateTimeFormatter SET_ASIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);
    /**
     * One lock per file for this whole JVM: {@link FileChannel#lock} refuses a second lock on a
     * file the JVM already locked, so threads (and several StateFiles) take turns here first.
     * A cache of locks, never wiring: it holds no state of its own.
     */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Consumer<Damage> onDamage;
    private final Clock clock;

    /** @param onDamage told of every damaged file set aside (the shell prints it, the sandbox logs it) */
    public StateFiles(Consumer<Damage> onDamage) {
        this(onDamage, Clock.systemUTC());
    }

    StateFiles(Consumer<Damage> onDamage, Clock clock) {
        this.onDamage = onDamage;
        this.clock = clock;
    }

    /** A file that several processes read and update: see {@link SharedFile}. */
    public <T> SharedFile<T> shared(Path file, Format<T> format) {
        return new SharedFile<>(this, file.toAbsolutePath().normalize(), format);
    }

    /** Replaces {@code file} with {@code text} (UTF-8), atomically; creates its folder. */
    public static void write(Path file, String text, Access access) {
        write(file, text.getBytes(StandardCharsets.UTF_8), access);
    }

    /** Replaces {@code file} with {@code bytes}, atomically; creates its folder. */
    public static void write(Path file, byte[] bytes, Access access) {
        Path absolute = file.toAbsolutePath().normalize();
        locked(absolute, () -> {
            replace(absolute, bytes, access);
            return null;
        });
    }

    /** The value in {@code file}: the format's empty value when absent, or when damaged (then set aside and reported). */
    public <T> T read(Path file, Format<T> format) {
        Path absolute = file.toAbsolutePath().normalize();
        return locked(absolute, () -> parse(absolute, format));
    }

    /** Restricts an existing file (600) or folder (700) to its owner, where the file system knows POSIX permissions. */
    public static void ownerOnly(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        } else {
            var f = path.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
            if (directory) {
                f.setExecutable(false, false);
                f.setExecutable(true, true);
            }
        }
    }

    <T> T update(Path file, Format<T> format, UnaryOperator<T> change) {
        return locked(file, () -> {
            T merged = change.apply(parse(file, format));
            replace(file, format.render(merged).getBytes(StandardCharsets.UTF_8), Access.PLAIN);
            return merged;
        });
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private static <T> T locked(Path file, Action<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private <T> T parse(Path file, Format<T> format) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return format.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return format.parse(text);
        } catch (CharacterCodingException | RuntimeException e) {
            Path keptAs = setAside(file);
            onDamage.accept(new Damage(format.name(), file, keptAs, e.getClass().getSimpleName() + ": " + e.getMessage()));
            return format.empty();
        }
    }

    /** Moves a damaged file out of the way under a name that says what and when; never overwrites an earlier one. */
    private Path setAside(Path file) throws IOException {
        String stamp = SET_ASIDE.format(clock.instant());
        Path keptAs = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        for (int n = 2; Files.exists(keptAs); n++) {
            keptAs = file.resolveSibling(file.getFileName() + ".damaged-" + stamp + "-" + n);
        }
        Files.move(file, keptAs);
        return keptAs;
    }

    /** Under the lock: temporary file, forced to disk, renamed over the old one, folder forced. */
    private static void replace(Path file, byte[] bytes, Access access) throws IOException {
        Path dir = file.getParent();
        if (access == Access.OWNER_ONLY) {
            ownerOnly(dir);
        }
        deleteLeftovers(file);
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            if (access == Access.OWNER_ONLY) {
                ownerOnly(temp); // before the secret is written, so it is never readable by others
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary files of processes killed mid-write: under the lock, no live writer owns one. */
    private static void deleteLeftovers(Path file) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Makes the rename itself durable where the platform allows it (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder: the rename is still atomic, only its durability is weaker.
        }
    }
}
