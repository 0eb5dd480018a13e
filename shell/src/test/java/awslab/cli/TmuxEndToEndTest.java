package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.sandbox.SandboxClient;
import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * Issue 11, in the sandbox: the banner says where the sandbox runs (and asks AWS nothing), its
     * first-start notes come above the prompt, and the exit says that it keeps running, where,
     * and how to stop it — which is true: it is still there once the shell has gone.
     */
    @Test
    void theSandboxSaysWhereItRunsAndOutlivesTheShell() throws Exception {
        Path home = dir.resolve("home");
        try (TmuxShell shell = TmuxShell.start(dir, 150, Map.of(), "--lang", "en")) {
            shell.awaitScreen("Sandbox: starting in the background on a free port — account 000000000000, region us-east-1.");
            shell.awaitScreen("awslab [en|sandbox]>");
            shell.awaitScreen("The private key of the key pair vockey is " + home.resolve("sandbox").resolve("labsuser.pem"));
            assertFalse(shell.screen().contains("asking AWS"), shell.screen());
            shell.type("status");
            shell.awaitScreen("Account: 000000000000");
            // stopped from elsewhere (another shell, or unused for hours): the next command brings it back, and says so
            assertTrue(SandboxClient.find(home).orElseThrow().stop(Duration.ofSeconds(60)));
            shell.type("instances");
            shell.awaitScreen("The sandbox had stopped (unused for a while, or stopped from another shell): it starts again");
            shell.awaitScreen("Instances running in this region: 0 of 9");
            shell.type("exit");
            shell.awaitScreen("Bye. The sandbox keeps running in the background on http://127.0.0.1:");
            shell.awaitScreen("with no instance running");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (shell.running() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(SandboxClient.find(home).isPresent(), "the shell has gone; the sandbox has not");
        }
    }
}
