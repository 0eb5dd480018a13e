package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {
    @TempDir
    Path dir;

    @Test
    void followsAnInstanceToItsNewAddressAndRefusesItsKeyChanging() throws Exception {
        HostKeys keys = HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir);
        PublicKey first = newKey();
        assertEquals(HostKeys.Status.LEARNED, keys.check("i-1", "3.3.3.3", 22, first).status());
        assertEquals(HostKeys.Status.KNOWN, keys.check("i-1", "3.3.3.3", 22, first).status());
        // stop/start: the same instance, the same key, a new public IP
        assertEquals(HostKeys.Status.KNOWN, keys.check("i-1", "4.4.4.4", 22, first).status());
        assertTrue(Files.readString(keys.file()).contains("i-1 4.4.4.4 22 "));

        HostKeys.Check changed = keys.check("i-1", "4.4.4.4", 22, newKey());
        assertEquals(HostKeys.Status.MISMATCH, changed.status());
        assertEquals(HostKeys.fingerprint(first), changed.knownFingerprint());
        assertEquals(HostKeys.Status.KNOWN, keys.check("i-1", "4.4.4.4", 22, first).status(), "a refused key is not stored");
    }

    @Test
    void aNewInstanceAtAReusedAddressReplacesTheStaleEntry() throws Exception {
        HostKeys keys = HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir);
        keys.check("i-old", "3.3.3.3", 22, newKey());
        HostKeys.Check check = keys.check("i-new", "3.3.3.3", 22, newKey());
        assertEquals(HostKeys.Status.LEARNED, check.status());
        assertEquals("i-old", check.previousInstance());
        assertTrue(keys.knownFingerprint("i-old").isEmpty());

        assertTrue(keys.forget("i-new", null, 22));
        assertFalse(keys.forget("i-new", null, 22));
        assertNull(keys.check("i-new", "3.3.3.3", 22, newKey()).previousInstance());
    }

    @Test
    void fingerprintsLikeOpenSsh() throws Exception {
        Path key = dir.resolve("host_key");
        assertEquals("", openSsh("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key.toString()));
        String[] pub = Files.readString(dir.resolve("host_key.pub")).split(" ");
        PublicKey publicKey = new Buffer.PlainBuffer(Base64.getDecoder().decode(pub[1])).readPublicKey();
        String expected = openSsh("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_key.pub").toString()).split(" ")[1];
        assertEquals(expected, HostKeys.fingerprint(publicKey));
    }

    /** Runs an OpenSSH tool (Debian package openssh-client) and returns its output. */
    private static String openSsh(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ssh-keygen (openssh-client) must be installed");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output.strip();
    }

    private static PublicKey newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }
}
