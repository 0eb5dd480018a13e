package awslab.ssh;

import awslab.api.UserException;
import awslab.lab.LabNames;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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

    /** The folders of the user's home where a downloaded key may be, in order. */
    static final List<String> HOME_FOLDERS = List.of("Downloads", "Téléchargements", ".ssh");

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
        return places(keyPairName, new ArrayList<>());
    }

    /**
     * The candidates, and in {@code skipped} the folders whose names this JVM cannot encode: when
     * the system's locale is not UTF-8 ({@code LANG} unset, {@code C}, or a locale the machine
     * lacks), Java cannot name {@code Téléchargements} at all; those are skipped and said.
     */
    private List<Path> places(String keyPairName, List<String> skipped) {
        Set<Path> places = new LinkedHashSet<>();
        if (LabNames.OWN_KEY_PAIR.equals(keyPairName)) {
            places.add(ownKey());
        }
        List<String> names = new ArrayList<>(List.of(LabNames.LAB_KEY_FILE));
        if (keyPairName != null && !keyPairName.isBlank() && !LabNames.LAB_KEY_PAIR.equals(keyPairName)) {
            names.add(keyPairName + ".pem");
        }
        List<Path> dirs = new ArrayList<>(List.of(workingDir));
        for (String folder : HOME_FOLDERS) {
            try {
                dirs.add(home.resolve(folder));
            } catch (InvalidPathException e) {
                skipped.add(home + "/" + folder);
            }
        }
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
     * exists. Throws a {@link UserException} that lists the places looked (and those skipped).
     */
    public Path locate(Path explicit, String keyPairName) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new UserException("err.ssh.key.notFound.given", explicit.toAbsolutePath());
            }
            return explicit;
        }
        List<String> skipped = new ArrayList<>();
        List<Path> candidates = places(keyPairName, skipped);
        Optional<Path> found = candidates.stream().filter(Files::isRegularFile).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String looked = candidates.stream().map(p -> "  " + p).collect(Collectors.joining(System.lineSeparator()));
        if (skipped.isEmpty()) {
            throw new UserException("err.ssh.key.notFound", looked);
        }
        throw new UserException("err.ssh.key.notFound.skipped", looked, String.join(", ", skipped));
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
