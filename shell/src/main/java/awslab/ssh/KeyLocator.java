package awslab.ssh;

import awslab.api.UserException;
import awslab.lab.LabNames;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the private key where students keep it: the file given with {@code --key}, else
 * {@code labsuser.pem} (Learner Lab's "Download PEM") in the working directory, Downloads,
 * Téléchargements or {@code ~/.ssh}, else the key pair the shell created itself in
 * {@code <stateDir>/keys}. Also checks what OpenSSH checks: a private key others can read is
 * refused, with the {@code chmod} that fixes it.
 *
 * <pre>
 * Path key = KeyLocator.defaults(stateDir).locate(null, "vockey");
 * KeyLocator.requirePrivate(key);
 * </pre>
 */
public final class KeyLocator {
    private static final Set<PosixFilePermission> OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path workingDir;
    private final Path home;
    private final Path stateDir;

    public KeyLocator(Path workingDir, Path home, Path stateDir) {
        this.workingDir = workingDir;
        this.home = home;
        this.stateDir = stateDir;
    }

    /** The user's working directory and home, and the shell's state directory. */
    public static KeyLocator defaults(Path stateDir) {
        return new KeyLocator(Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")), stateDir);
    }

    /** The key file the shell creates for its own key pair where {@code vockey} does not exist. */
    public Path ownKey() {
        return stateDir.resolve("keys").resolve(LabNames.OWN_KEY_PAIR + ".pem");
    }

    /** Where {@link #locate} looks, in order, for an instance launched with {@code keyPairName} (may be null). */
    public List<Path> candidates(String keyPairName) {
        Set<Path> places = new LinkedHashSet<>();
        if (LabNames.OWN_KEY_PAIR.equals(keyPairName)) {
            places.add(ownKey());
        }
        List<String> names = new ArrayList<>(List.of(LabNames.LAB_KEY_FILE));
        if (keyPairName != null && !keyPairName.isBlank() && !LabNames.LAB_KEY_PAIR.equals(keyPairName)) {
            names.add(keyPairName + ".pem");
        }
        List<Path> dirs = new ArrayList<>(List.of(workingDir, home.resolve("Downloads")));
        try {
            dirs.add(home.resolve("Téléchargements"));
        } catch (java.nio.file.InvalidPathException e) {
            // a JVM started without a UTF-8 locale (LANG unset, LANG=C) cannot even name this folder: it cannot hold the key either
        }
        dirs.add(home.resolve(".ssh"));
        for (Path dir : dirs) {
            names.forEach(name -> places.add(dir.resolve(name)));
        }
        places.add(ownKey());
        // The sandbox's vockey (see awslab.sandbox.Sandbox#labKeyFile), for students with no AWS account.
        places.add(stateDir.resolve("sandbox").resolve(LabNames.LAB_KEY_FILE));
        return List.copyOf(places);
    }

    /**
     * The key to use: {@code explicit} when given (it must exist), else the first candidate that
     * exists. Throws a {@link UserException} that lists the places looked.
     */
    public Path locate(Path explicit, String keyPairName) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new UserException("err.ssh.key.notFound.given", explicit.toAbsolutePath());
            }
            return explicit;
        }
        List<Path> candidates = candidates(keyPairName);
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new UserException(
                "err.ssh.key.notFound",
                candidates.stream().map(p -> "  " + p).collect(Collectors.joining(System.lineSeparator()))));
    }

    /** True when group or others may use the key file (never on file systems without POSIX permissions, e.g. Windows). */
    public static boolean tooOpen(Path key) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
            return permissions.stream().anyMatch(OPEN::contains);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // cannot tell (e.g. a FAT USB stick): reading the key will say if it is unusable
        }
    }

    /** Refuses a key others can read, as OpenSSH does ("UNPROTECTED PRIVATE KEY FILE"), saying how to fix it. */
    public static void requirePrivate(Path key) {
        if (tooOpen(key)) {
            throw new UserException("err.ssh.key.tooOpen", key.toAbsolutePath(), permissions(key), quoted(key));
        }
    }

    /** Makes the key readable by its owner only ({@code chmod 400}). */
    public static void restrict(Path key) {
        try {
            Files.setPosixFilePermissions(key, EnumSet.of(PosixFilePermission.OWNER_READ));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserException(e, "err.ssh.key.chmodFailed", key.toAbsolutePath(), quoted(key));
        }
    }

    private static String permissions(Path key) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(key));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The path as the user would type it in a POSIX shell. */
    private static String quoted(Path key) {
        String text = key.toString();
        return text.matches("[A-Za-z0-9_./~-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
