package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell in a real terminal: tmux runs it (on a private tmux server, against Moto on
 * 127.0.0.1), the test types, presses Tab and Ctrl-C, and reads the screen with capture-pane.
 */
class TmuxEndToEndTest {
    static final String INSTALL_HINT = "tmux is needed for this test: apt-get install -y tmux";
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final String socket = "awslab-test-" + ProcessHandle.current().pid();

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void typeCompleteInterruptAndQuitInARealTerminal() throws Exception {
        String moto = MotoServer.get().endpoint().toString();
        Path launcher = dir.resolve("awslab.sh");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\n"
                + "export AWSLAB_HOME='" + dir.resolve("home") + "' AWS_EC2_METADATA_DISABLED=true"
                + " AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing TERM=xterm-256color\n"
                + "exec '" + java + "' -cp '" + classpath + "' awslab.Main --lang en --endpoint-url " + moto + "\n");
        if (!tmux("new-session", "-d", "-s", "t", "-x", "150", "-y", "45", "sh " + launcher)) {
            throw new AssertionError("could not start tmux. " + INSTALL_HINT);
        }
        awaitScreen("awslab [en|endpoint]>");
        awaitScreen("Account: 123456789012");

        // Many methods start so: Tab lists JShell's suggestions, describeInstances( among them.
        tmux("send-keys", "-t", "t", "ec2.describeIn", "Tab");
        awaitScreen("describeInstances(");
        tmux("send-keys", "-t", "t", "C-u");
        // A unique suggestion is inserted.
        tmux("send-keys", "-t", "t", "ec2.describeKeyP", "Tab");
        awaitScreen("> ec2.describeKeyPairs(");
        tmux("send-keys", "-t", "t", ")", "Enter");
        awaitScreen("==> DescribeKeyPairsResponse(");

        tmux("send-keys", "-t", "t", "while (true) { }", "Enter");
        Thread.sleep(1500);
        tmux("send-keys", "-t", "t", "C-c");
        awaitScreen("Snippet stopped.");

        tmux("send-keys", "-t", "t", "stat", "Tab");
        awaitScreen("> status");
        tmux("send-keys", "-t", "t", "Enter");
        awaitScreen("Target: emulator at " + moto);

        tmux("send-keys", "-t", "t", "hlep", "Enter");
        awaitScreen("Did you mean help?");
        assertFalse(screen().contains("\tat "), screen());

        tmux("send-keys", "-t", "t", "exit", "Enter");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (tmux("has-session", "-t", "t") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertFalse(tmux("has-session", "-t", "t"), "exit ends the shell");
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
        Path launcher = dir.resolve("awslab.sh");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\n"
                + "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_PROFILE AWS_ENDPOINT_URL\n"
                + "export AWSLAB_HOME='" + home + "' AWSLAB_SANDBOX_PORT=0 AWSLAB_SANDBOX_PACE=fast TERM=xterm-256color\n"
                + "exec '" + java + "' -cp '" + classpath + "' awslab.Main --lang en\n");
        try {
            if (!tmux("new-session", "-d", "-s", "t", "-x", "150", "-y", "45", "sh " + launcher)) {
                throw new AssertionError("could not start tmux. " + INSTALL_HINT);
            }
            awaitScreen("Sandbox: starting in the background on a free port — account 000000000000, region us-east-1.");
            awaitScreen("awslab [en|sandbox]>");
            awaitScreen("The private key of the key pair vockey is " + home.resolve("sandbox").resolve("labsuser.pem"));
            assertFalse(screen().contains("asking AWS"), screen());
            tmux("send-keys", "-t", "t", "status", "Enter");
            awaitScreen("Account: 000000000000");
            // stopped from elsewhere (another shell, or unused for hours): the next command brings it back, and says so
            assertTrue(awslab.sandbox.SandboxClient.find(home).orElseThrow().stop(Duration.ofSeconds(60)));
            tmux("send-keys", "-t", "t", "instances", "Enter");
            awaitScreen("The sandbox had stopped (unused for a while, or stopped from another shell): it starts again");
            awaitScreen("Instances running in this region: 0 of 9");
            tmux("send-keys", "-t", "t", "exit", "Enter");
            awaitScreen("Bye. The sandbox keeps running in the background on http://127.0.0.1:");
            awaitScreen("with no instance running");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (tmux("has-session", "-t", "t") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(awslab.sandbox.SandboxClient.find(home).isPresent(), "the shell has gone; the sandbox has not");
        } finally {
            awslab.sandbox.SandboxTesting.stopService(home);
        }
    }

    private void awaitScreen(String text) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" within " + WAIT + " on the screen:\n" + screen());
    }

    private String screen() throws Exception {
        Process process = command("capture-pane", "-p", "-t", "t", "-S", "-200");
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private boolean tmux(String... args) throws Exception {
        Process process = command(args);
        process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private Process command(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL_HINT + " (" + e.getMessage() + ")", e);
        }
    }
}
