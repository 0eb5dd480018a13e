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
        try (TmuxShell shell = TmuxShell.start(dir, Map.of(), "--lang", "en", "--endpoint-url", moto)) {
            shell.awaitScreen("awslab [en|endpoint]>");
            shell.awaitScreen("Account: 123456789012");

            // Many methods start so: Tab lists JShell's suggestions, describeInstances( among them.
            shell.keys("ec2.describeIn", "Tab");
            shell.awaitScreen("describeInstances(");
            shell.keys("C-u");
            // A unique suggestion is inserted.
            shell.keys("ec2.describeKeyP", "Tab");
            shell.awaitScreen("> ec2.describeKeyPairs(");
            shell.keys(")", "Enter");
            shell.awaitScreen("==> DescribeKeyPairsResponse(");

            shell.keys("while (true) { }", "Enter");
            Thread.sleep(1500);
            shell.keys("C-c");
            shell.awaitScreen("Snippet stopped.");

            shell.keys("stat", "Tab");
            shell.awaitScreen("> status");
            shell.keys("Enter");
            shell.awaitScreen("Target: emulator at " + moto);

            shell.keys("hlep", "Enter");
            shell.awaitScreen("Did you mean help?");
            assertFalse(shell.screen().contains("\tat "), shell.screen());

            shell.keys("exit", "Enter");
            shell.awaitEnd();
            assertFalse(shell.running(), "exit ends the shell");
            assertTrue(Files.readString(shell.home().resolve("history")).contains("hlep"), "history persists");
        }
    }
}
