package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    /**
     * Issue 11, in the sandbox: the banner says where the sandbox runs (and asks AWS nothing), its
     * first-start notes come above the prompt, and the exit says that it keeps running, where,
     * and how to stop it — which is true: it is still there once the shell has gone.
     */
    @Test
    void theSandboxSaysWhereItRunsAndOutlivesTheShell() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_ENDPOINT_URL"}) {
            env.put(name, null);
        }
        env.put("AWSLAB_SANDBOX_PORT", "0");
        env.put("AWSLAB_SANDBOX_PACE", "fast");
        Path home = dir.resolve("home");
        try (TmuxShell shell = TmuxShell.start(dir, env, "--lang", "en")) {
            shell.awaitScreen("Sandbox: starting in the background on a free port — account 000000000000, region us-east-1.");
            shell.awaitScreen("awslab [en|sandbox]>");
            shell.awaitScreen("The private key of the key pair vockey is " + home.resolve("sandbox").resolve("labsuser.pem"));
            assertFalse(shell.screen().contains("asking AWS"), shell.screen());
            shell.keys("status", "Enter");
            shell.awaitScreen("Account: 000000000000");
            // stopped from elsewhere (another shell, or unused for hours): the next command brings it back, and says so
            assertTrue(awslab.sandbox.SandboxClient.find(home).orElseThrow().stop(Duration.ofSeconds(60)));
            shell.keys("instances", "Enter");
            shell.awaitScreen("The sandbox had stopped (unused for a while, or stopped from another shell): it starts again");
            shell.awaitScreen("Instances running in this region: 0 of 9");
            shell.keys("exit", "Enter");
            shell.awaitScreen("Bye. The sandbox keeps running in the background on http://127.0.0.1:");
            shell.awaitScreen("with no instance running");
            shell.awaitEnd();
            assertTrue(awslab.sandbox.SandboxClient.find(home).isPresent(), "the shell has gone; the sandbox has not");
        } finally {
            awslab.sandbox.SandboxTesting.stopService(home);
        }
    }
}
