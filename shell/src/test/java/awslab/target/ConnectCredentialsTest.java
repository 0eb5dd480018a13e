package awslab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pasted Learner Lab block: parsed in its usual shapes, saved privately, never printed. */
class ConnectCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void acceptsTheIniBlockAndExportLines() throws Exception {
        ConnectCredentials ini = ConnectCredentials.parse(
                "[default]\r\naws_access_key_id = ASIAAAAABBBBCCCC\naws_secret_access_key=s3cr3t\naws_session_token=tok\n");
        assertTrue(ini.hasSessionToken());
        assertEquals("ASIA…CCCC", ini.maskedKeyId());
        assertFalse(ini.toString().contains("s3cr3t"));
        ConnectCredentials exported = ConnectCredentials.parse(
                "export AWS_ACCESS_KEY_ID=\"AKIAXXXXYYYY\"\nexport AWS_SECRET_ACCESS_KEY='abc'\n");
        assertFalse(exported.hasSessionToken());
        Path file = dir.resolve("credentials");
        ini.save(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("[awslab]\n"), text);
        assertTrue(text.contains("aws_session_token = tok"), text);
        assertThrows(UserException.class, () -> ConnectCredentials.parse("hello\n"));
    }
}
