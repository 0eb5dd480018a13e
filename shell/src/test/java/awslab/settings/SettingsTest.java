package awslab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.state.Damage;
import awslab.state.StateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that survive restarts, a second shell, and damage. */
class SettingsTest {
    @TempDir
    Path dir;

    private final List<Damage> damages = new ArrayList<>();
    private final StateFiles files = new StateFiles(damages::add);

    @Test
    void settingsAreSavedAtOnceAndADamagedFileIsNotFatal() throws Exception {
        Settings settings = Settings.load(files, dir);
        settings.set(Settings.LANGUAGE, "fr");
        assertEquals("fr", Settings.load(files, dir).get(Settings.LANGUAGE).orElseThrow());
        settings.set(Settings.LANGUAGE, null);
        assertTrue(Settings.load(files, dir).get(Settings.LANGUAGE).isEmpty());
        try (var list = Files.list(dir)) {
            assertTrue(list.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
        Files.writeString(dir.resolve("settings.properties"), "language=\\u00zz broken");
        assertTrue(Settings.load(files, dir).get(Settings.LANGUAGE).isEmpty());
        assertEquals(1, damages.size(), "the user is told");
        assertEquals("settings", damages.get(0).what());
        assertEquals("language=\\u00zz broken", Files.readString(damages.get(0).keptAs()), "the damaged file is kept as it was");
        assertTrue(damages.get(0).keptAs().getFileName().toString().startsWith("settings.properties.damaged-"));
    }

    @Test
    void twoShellsLoseNoChoice() {
        Settings first = Settings.load(files, dir);
        Settings second = Settings.load(files, dir); // another shell, started at the same time
        first.set(Settings.LANGUAGE, "fr");
        second.set(Settings.EXPLAIN, "on");
        Settings later = Settings.load(files, dir);
        assertEquals("fr", later.get(Settings.LANGUAGE).orElseThrow());
        assertEquals("on", later.get(Settings.EXPLAIN).orElseThrow());
    }
}
