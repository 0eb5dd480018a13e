package awslab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the jar this shell runs from is older than the sources of the clone it was built from,
 * for {@code awslab.cmd}: Windows' cmd cannot compare file times, so the launcher sets
 * {@code AWSLAB_SOURCES} to the clone and the shell exits at once with {@link #EXIT} (reading
 * nothing, printing nothing) when it must be rebuilt. The inputs are the ones {@code ./awslab}
 * checks with {@code find}: the poms, each module's {@code src} but its tests, {@code i18n/},
 * {@code .mvn/}; not {@code lessons/}, read from disk. It costs a few milliseconds.
 *
 * <pre>
 * set AWSLAB_SOURCES=C:\awslab
 * java -jar shell\target\awslab-shell-0.1.0-all.jar   → exit code 75 when a source is newer
 * </pre>
 */
final class StaleJar {
    /** EX_TEMPFAIL: "try again" (after a build). */
    static final int EXIT = 75;
    static final String SOURCES = "AWSLAB_SOURCES";

    private StaleJar() {}

    /** The jar this class was loaded from, when it was loaded from a jar. */
    static Optional<Path> runningJar() {
        try {
            Path location = Path.of(StaleJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a build input under {@code clone} is newer than {@code jar}. */
    static boolean isStale(Path clone, Path jar) {
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            List<Path> inputs = new ArrayList<>(List.of(clone.resolve("pom.xml"), clone.resolve("i18n"), clone.resolve(".mvn")));
            try (Stream<Path> modules = Files.list(clone)) {
                modules.filter(Files::isDirectory).forEach(m -> {
                    inputs.add(m.resolve("pom.xml"));
                    inputs.add(m.resolve("src"));
                });
            }
            for (Path input : inputs) {
                if (Files.exists(input) && newerFileIn(input, built)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // cannot tell: run what is there rather than rebuild forever
        }
    }

    private static boolean newerFileIn(Path root, FileTime built) throws IOException {
        boolean[] found = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean tests = dir.getFileName().toString().equals("test") && dir.getParent().getFileName().toString().equals("src");
                return tests ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                found[0] = attributes.isRegularFile() && attributes.lastModifiedTime().compareTo(built) > 0;
                return found[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    /** For {@link Main#main}: whether the launcher asked and the running jar is stale. */
    static boolean launcherMustRebuild(String sources) {
        if (sources == null || sources.isBlank()) {
            return false;
        }
        try {
            return runningJar().map(jar -> isStale(Path.of(sources), jar)).orElse(false);
        } catch (UncheckedIOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
