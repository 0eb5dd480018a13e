package awslab.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one store: atomic, owner-only where secret, locked across processes, never silently losing a file. */
class StateFilesTest {
    @TempDir
    Path dir;

    private final List<Damage> damages = new ArrayList<>();
    private final StateFiles files = new StateFiles(damages::add);

    @Test
    void secretsAreTheOwnersOnly() throws IOException {
        Path secret = dir.resolve("home").resolve("credentials");
        StateFiles.write(secret, "[awslab]\naws_access_key_id = AKIA…\n", StateFiles.Access.OWNER_ONLY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())));
        StateFiles.write(secret, "[awslab]\naws_access_key_id = ASIA…\n", StateFiles.Access.OWNER_ONLY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), "a replacement too");
    }

    @Test
    void aDamagedFileIsSetAsideKeptWholeAndReported() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{ \"instances\": { half");
        Format<Properties> json = Format.json("sandbox", Properties.class, Properties::new);
        assertTrue(files.read(file, json).isEmpty(), "the caller goes on with the empty value");
        assertEquals(1, damages.size());
        Damage damage = damages.get(0);
        assertEquals("sandbox", damage.what());
        assertEquals(file.toAbsolutePath(), damage.file());
        assertTrue(damage.keptAs().getFileName().toString().matches("state\\.json\\.damaged-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ"),
                damage.keptAs().toString());
        assertEquals("{ \"instances\": { half", Files.readString(damage.keptAs()));
        assertTrue(Files.notExists(file));
        Files.writeString(file, "{ again");
        files.read(file, json);
        assertEquals(2, damages.size());
        assertTrue(!damages.get(1).keptAs().equals(damage.keptAs()), "a second damaged file never overwrites the first");
    }

    @Test
    void invalidUtf8IsDamageToo() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.write(file, new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28});
        files.read(file, Format.properties("settings"));
        assertEquals(1, damages.size());
    }

    @Test
    void severalProcessesUpdatingAtOnceLoseNoUpdate() throws Exception {
        Path file = dir.resolve("shared.properties");
        List<Process> writers = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            writers.add(writer(file, name, 40).start());
        }
        CounterWriterMain.main(new String[] {file.toString(), "here", "40"});
        for (Process writer : writers) {
            assertTrue(writer.waitFor(90, TimeUnit.SECONDS), "a writer process did not finish within 90 s");
            assertEquals(0, writer.exitValue(), "a writer process failed: " + Files.readString(dir.resolve("writer.log")));
        }
        Properties merged = files.shared(file, Format.properties("test")).read();
        assertEquals("160", merged.getProperty("total"), merged.toString());
        for (String name : List.of("a", "b", "c", "here")) {
            assertEquals("40", merged.getProperty(name), name);
        }
    }

    @Test
    void aProcessKilledMidWriteLeavesTheLastWholeFile() throws Exception {
        Path file = dir.resolve("shared.properties");
        SharedFile<Properties> shared = files.shared(file, Format.properties("test"));
        for (int round = 0; round < 3; round++) {
            Process writer = writer(file, "k" + round, 1_000_000).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (shared.read().getProperty("k" + round) == null) {
                assertTrue(writer.isAlive() && System.nanoTime() < deadline, "the writer wrote nothing");
                Thread.sleep(10);
            }
            Thread.sleep(20 + round * 15);
            writer.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // kill -9, at some moment of its writing
            Properties read = shared.read(); // parses: never a half-written file
            assertTrue(Integer.parseInt(read.getProperty("k" + round)) > 0);
            assertEquals(List.of(), damages, "a kill never damages the file");
        }
        shared.update(p -> p);
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "the next write removes what a kill left");
        }
    }

    private ProcessBuilder writer(Path file, String name, int count) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CounterWriterMain.class.getName(), file.toString(), name, String.valueOf(count))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("writer.log").toFile()));
    }
}
