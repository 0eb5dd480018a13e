package awslab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staleness check of awslab.cmd: the same build inputs as ./awslab's find. */
class StaleJarTest {
    @TempDir
    Path clone;

    private final Instant built = Instant.parse("2026-01-01T12:00:00Z");

    private Path file(String relative, Instant modified) throws Exception {
        Path file = clone.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void aSourcePomOrBundleNewerThanTheJarMeansRebuild() throws Exception {
        Path jar = file("shell/target/awslab-shell-1.0-all.jar", built);
        file("pom.xml", built.minusSeconds(60));
        file("shell/pom.xml", built.minusSeconds(60));
        Path main = file("shell/src/main/java/awslab/Main.java", built.minusSeconds(60));
        assertFalse(StaleJar.isStale(clone, jar));

        file("lessons/01-a/fr.md", built.plusSeconds(60));
        file("shell/src/test/java/awslab/MainTest.java", built.plusSeconds(60));
        file("shell/target/classes/awslab/Main.class", built.plusSeconds(60));
        assertFalse(StaleJar.isStale(clone, jar), "lessons are read from disk, tests and outputs are not inputs");

        Files.setLastModifiedTime(main, FileTime.from(built.plusSeconds(1)));
        assertTrue(StaleJar.isStale(clone, jar));
        Files.setLastModifiedTime(main, FileTime.from(built.minusSeconds(1)));
        file("i18n/shell_fr.properties", built.plusSeconds(1));
        assertTrue(StaleJar.isStale(clone, jar));
    }

    @Test
    void withoutTheLaunchersRequestNothingIsChecked() {
        assertFalse(StaleJar.launcherMustRebuild(null));
        assertFalse(StaleJar.launcherMustRebuild(""));
        assertFalse(StaleJar.launcherMustRebuild(clone.toString()), "tests run from classes, not a jar");
    }
}
