package awslab.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs as a student's machine keeps them: capped, rotated, owner-only, and counted for {@code status}. */
class LogsTest {
    @TempDir
    Path state;

    @AfterEach
    void restoreTheJdkDefaults() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void rotationKeepsTheNamedFileAndCapsTheTotal() throws Exception {
        Path file = state.resolve("logs").resolve("awslab.log");
        LogFile log = new LogFile(file, 300, 2, new LineFormat());
        for (int i = 0; i < 60; i++) {
            log.publish(new LogRecord(Level.INFO, "record number " + i + " of the rotation test"));
        }
        log.close();

        assertTrue(Files.exists(file), "the file a student is told to read always exists");
        assertTrue(Files.exists(file.resolveSibling("awslab.log.1")));
        assertTrue(Files.exists(file.resolveSibling("awslab.log.2")));
        assertFalse(Files.exists(file.resolveSibling("awslab.log.3")), "older files are dropped");
        long total = 0;
        for (String name : new String[] {"awslab.log", "awslab.log.1", "awslab.log.2"}) {
            total += Files.size(file.resolveSibling(name));
        }
        assertTrue(total <= 3 * 300, "never more than limit × (keep + 1) bytes, was " + total);
        assertTrue(Files.readString(file).contains("record number 59"), "the newest record is in the current file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void debugShowsFineRecordsOnScreenAndInTheFile() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        LogBook book = Logs.start(state, "awslab", true, screen);
        System.getLogger("awslab.sandbox.Cloud").log(System.Logger.Level.DEBUG, "i-0abc: polling");

        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("i-0abc: polling"));
        assertTrue(Files.readString(book.file()).contains("i-0abc: polling"));
    }

    @Test
    void withoutDebugTheScreenStaysQuietAndFineRecordsAreDropped() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        LogBook book = Logs.start(state, "awslab", false, screen);
        System.getLogger("awslab.sandbox.Cloud").log(System.Logger.Level.DEBUG, "i-0abc: polling");
        System.getLogger("awslab.sandbox.Cloud").log(System.Logger.Level.INFO, "i-0abc: running");

        assertEquals("", screen.toString(StandardCharsets.UTF_8));
        String logged = Files.readString(book.file());
        assertFalse(logged.contains("polling"));
        assertTrue(logged.contains("i-0abc: running"));
    }

    @Test
    void onlyOurBackgroundFailuresCountAsProblems() {
        LogBook book = Logs.start(state, "awslab", false, new ByteArrayOutputStream());
        assertTrue(book.problems().isEmpty());

        Logger.getLogger("awslab.cli.Repl").warning("the user saw this one on screen");
        Logger.getLogger("org.eclipse.jetty.server").warning("a library's note");
        assertTrue(book.problems().isEmpty(), "foreground and library warnings are not background problems");

        System.getLogger("awslab.sandbox.AutoScaling").log(System.Logger.Level.WARNING, "reconcile failed");
        System.getLogger("awslab.sandbox.LoadBalancing").log(System.Logger.Level.ERROR, "health check failed");
        assertEquals(2, book.problems().orElseThrow().count());
    }
}
