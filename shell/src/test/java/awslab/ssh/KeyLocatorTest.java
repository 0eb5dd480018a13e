package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLocatorTest {
    @TempDir
    Path root;

    private Path cwd;
    private Path home;
    private Path state;
    private KeyLocator locator;

    @BeforeEach
    void folders() throws IOException {
        cwd = Files.createDirectories(root.resolve("work"));
        home = Files.createDirectories(root.resolve("home"));
        state = Files.createDirectories(root.resolve("state"));
        locator = new KeyLocator(cwd, home, state);
    }

    @Test
    void looksWhereStudentsKeepTheKeyInOrder() throws IOException {
        Path downloads = key(home.resolve("Téléchargements/labsuser.pem"));
        assertEquals(downloads, locator.locate(null, "vockey"));
        Path english = key(home.resolve("Downloads/labsuser.pem"));
        assertEquals(english, locator.locate(null, "vockey"));
        Path here = key(cwd.resolve("labsuser.pem"));
        assertEquals(here, locator.locate(null, "vockey"));
        Path given = key(root.resolve("elsewhere.pem"));
        assertEquals(given, locator.locate(given, "vockey"));
    }

    @Test
    void findsTheShellsOwnKeyFirstForItsKeyPairAndAKeyNamedAfterTheKeyPair() throws IOException {
        key(cwd.resolve("labsuser.pem"));
        Path own = key(state.resolve("keys/awslab-key.pem"));
        assertEquals(own, locator.locate(null, "awslab-key"));
        Path named = key(home.resolve(".ssh/mykey.pem"));
        Files.delete(cwd.resolve("labsuser.pem"));
        assertEquals(named, locator.locate(null, "mykey"));
    }

    @Test
    void saysWhereItLookedWhenThereIsNoKey() {
        UserException e = assertThrows(UserException.class, () -> locator.locate(null, "vockey"));
        assertEquals("err.ssh.key.notFound", e.key());
        String places = (String) e.args()[0];
        assertTrue(places.contains(cwd.resolve("labsuser.pem").toString()), places);
        assertTrue(places.contains(home.resolve("Téléchargements/labsuser.pem").toString()), places);
        assertTrue(places.contains(home.resolve(".ssh/labsuser.pem").toString()), places);
        assertTrue(places.contains(state.resolve("keys/awslab-key.pem").toString()), places);

        UserException given = assertThrows(UserException.class, () -> locator.locate(root.resolve("nope.pem"), "vockey"));
        assertEquals("err.ssh.key.notFound.given", given.key());
    }

    @Test
    void refusesAKeyOthersCanReadAndFixesItWhenAsked() throws IOException {
        Path loose = key(cwd.resolve("labsuser.pem"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(KeyLocator.tooOpen(loose));
        UserException e = assertThrows(UserException.class, () -> KeyLocator.requirePrivate(loose));
        assertEquals("err.ssh.key.tooOpen", e.key());
        assertEquals("rw-r--r--", e.args()[1]);

        KeyLocator.restrict(loose);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)));
        assertFalse(KeyLocator.tooOpen(loose));
        KeyLocator.requirePrivate(loose);
    }

    private static Path key(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        return file;
    }
}
