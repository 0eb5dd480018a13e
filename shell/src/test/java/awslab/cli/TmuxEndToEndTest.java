package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell in a real terminal: tmux runs it (on a private tmux server, against Moto on
 * 127.0.0.1), the test types, presses Tab and Ctrl-C, and reads the screen with capture-pane.
 */
class TmuxEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void typeCompleteInterruptAndQuitInARealTerminal() throws Exception {
        String moto = MotoServer.get().endpoint().toString();
        try (TmuxShell shell = TmuxShell.start(dir, 150, Map.of("AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing"), "--lang", "en", "--endpoint-url", moto)) {
            shell.awaitScreen("awslab [en|endpoint]>");
            shell.awaitScreen("Account: 123456789012");

            // Many methods start so: Tab lists JShell's suggestions, describeInstances( among them.
            shell.typeOnly("ec2.describeIn");
            shell.press("Tab");
            shell.awaitScreen("describeInstances(");
            shell.press("C-u");
            // A unique suggestion is inserted.
            shell.typeOnly("ec2.describeKeyP");
            shell.press("Tab");
            shell.awaitScreen("> ec2.describeKeyPairs(");
            shell.type(")");
            shell.awaitScreen("==> DescribeKeyPairsResponse(");

            shell.type("while (true) { }");
            Thread.sleep(1500);
            shell.press("C-c");
            shell.awaitScreen("Snippet stopped.");

            shell.typeOnly("stat");
            shell.press("Tab");
            shell.awaitScreen("> status");
            shell.press("Enter");
            shell.awaitScreen("Target: emulator at " + moto);

            shell.type("hlep");
            shell.awaitScreen("Did you mean help?");
            assertFalse(shell.screen().contains("\tat "), shell.screen());

            shell.exit();
            assertFalse(shell.running(), "exit ends the shell");
        }
        assertTrue(Files.readString(dir.resolve("home").resolve("history")).contains("hlep"), "history persists");
    }
}
