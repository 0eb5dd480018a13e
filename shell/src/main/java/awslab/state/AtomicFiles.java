package awslab.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that readers see the old content or the new, never half of it.
 *
 * <pre>
 * AtomicFiles.write(dir.resolve("credentials"), text, true);
 * </pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code text} to {@code file} through a temporary file; {@code ownerOnly} makes it 600. */
    public static void write(Path file, String text, boolean ownerOnly) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (ownerOnly) {
            ownerOnly(temp);
        }
        Files.writeString(temp, text);
        move(temp, file);
    }

    /** Restricts a file to its owner where the file system knows POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            var f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }

    static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
