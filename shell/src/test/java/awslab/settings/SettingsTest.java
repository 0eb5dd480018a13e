package awslab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that survive restarts and damage. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void settingsAreSavedAtOnceAndADamagedFileIsNotFatal() throws Exception {
        Settings settings = Settings.load(new awslab.state.StateFiles(damage -> {}), dir);
        settings.set(Settings.LANGUAGE, "fr");
        assertEquals("fr", Settings.load(new awslab.state.StateFiles(damage -> {}), dir).get(Settings.LANGUAGE).orElseThrow());
        settings.set(Settings.LANGUAGE, null);
        assertTrue(Settings.load(new awslab.state.StateFiles(damage -> {}), dir).get(Settings.LANGUAGE).isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        Files.writeString(dir.resolve("settings.properties"), "language=\\u00zz broken");
        assertTrue(Settings.load(new awslab.state.StateFiles(damage -> {}), dir).get(Settings.LANGUAGE).isEmpty());
    }
}
