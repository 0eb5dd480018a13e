package awslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.sandbox.SandboxClient;
import awslab.testing.CommandLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-interactive use through {@link Main}: one-shot commands, scripts, piped standard input. */
class MainTest {
    // Kept, not deleted: a sandbox a one-shot run starts in the background may begin only after the
    // test ended, and write into the folder while JUnit deletes it (it stops itself, 5 min unused).
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
    Path home;

    record Run(int code, String out) {}

    Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // never the sandbox's fixed port: a test takes any free one; and should a sandbox still be
        // starting when the test ends (then stopTheSandbox cannot find it), it stops itself soon
        int code = Main.run(args, new Main.Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                Map.of("AWSLAB_HOME", home.toString(), "AWSLAB_SANDBOX_PORT", "0", "AWSLAB_SANDBOX_IDLE", "5m"), false));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * A one-shot run starts the sandbox in the background: one still starting when the test ends
     * is not found yet, and would write into the folder JUnit deletes. Wait for it (bounded), then
     * stop it.
     */
    @AfterEach
    void stopTheSandbox() throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            var found = SandboxClient.find(home);
            if (found.isPresent()) {
                found.get().stop(Duration.ofSeconds(30));
                break;
            }
            if (sandboxProcesses().isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        for (ProcessHandle left : sandboxProcesses()) {
            left.destroy();
            left.onExit().completeOnTimeout(left, 10, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    private java.util.List<ProcessHandle> sandboxProcesses() {
        String mark = "--home " + home;
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> CommandLines.of(p).contains(mark)).toList();
    }

    @Test
    void aRunWithoutPromptOnAwsSaysItsTargetFirst() {
        Map<String, String> aws = Map.of("AWSLAB_HOME", home.toString(), "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "example", "AWS_REGION", "us-west-2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // hint makes no AWS call (no lesson started): nothing leaves this machine
        Main.run(new String[] {"--lang", "fr", "hint"}, new Main.Io(new ByteArrayInputStream(new byte[0]), out, aws, false));
        String shown = out.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("Cible : AWS, identifiants de l’environnement, région us-west-2."), shown);
        out.reset();
        Main.run(new String[] {"--lang", "en", "status", "--help"}, new Main.Io(new ByteArrayInputStream(new byte[0]), out, aws, false));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Target: AWS"), "status says it itself");
        Run sandbox = run("", "--lang", "en", "hint");
        assertFalse(sandbox.out().contains("Target:"), "the free sandbox needs no warning: " + sandbox.out());
    }

    @Test
    void oneShotRunsOneCommandAndExitsWithItsCode() {
        Run help = run("", "--lang", "en", "help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("The shell"), help.out());
        Run bad = run("", "--lang", "en", "status", "--bogus");
        assertEquals(2, bad.code());
        assertTrue(bad.out().contains("Unknown option --bogus for status."), bad.out());
        Run unknown = run("", "--lang", "en", "nosuchcommand");
        assertEquals(2, unknown.code());
        assertTrue(unknown.out().contains("Unknown command: nosuchcommand"), unknown.out());
    }

    @Test
    void withoutCredentialsTheShellRunsTheSandboxAndSaysHowToConnect() {
        Run status = run("", "--lang", "en", "status");
        assertTrue(status.out().contains("Target: local sandbox"), status.out());
        assertTrue(status.out().contains("Account: 000000000000"), "the sandbox answers STS: " + status.out());
        assertTrue(status.out().contains("type connect and paste Learner Lab’s credentials"), status.out());
        assertFalse(status.out().contains("Exception"), status.out());
    }

    @Test
    void aScriptRunsInOrderAndStopsAtTheFirstFailure() throws Exception {
        Path script = home.resolve("lab.awslab");
        Files.writeString(script, "# a comment\nlang en\nint x = 20;\nint twice(int n) {\n  return 2 * n;\n}\n"
                + "twice(x + 1)\nstatus --nope\nlang fr\n");
        Run result = run("", "--script", script.toString());
        assertEquals(2, result.code(), result.out());
        assertTrue(result.out().contains("==> 42"), result.out());
        assertTrue(result.out().contains("Stopped: " + script + ", line 8 failed: status --nope"), result.out());
        assertFalse(result.out().contains("français"), "nothing runs after the failure: " + result.out());
    }

    @Test
    void pipedStandardInputIsAScriptAndExitEndsIt() {
        Run result = run("lang en\nhelp\nexit\nlang fr\n");
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("The shell"), result.out());
        assertFalse(result.out().contains("français"), result.out());
    }

    @Test
    void badInputGetsAClearMessageAndNoStackTrace() {
        String[][] table = {
            {"lang \"en\n", "Unbalanced quote \""},
            {"help\u0007\n", "control character (U+0007"},
            {"int y = ;\n", "Java error:"},
            {"Object o = null; o.toString();\n", "Exception java.lang.NullPointerException"},
            {"int f() {\n", "ends inside the Java started at line 1"},
            {"stauts\n", "Did you mean status?"},
            {"ec2.describeInstances(r -> r.instanceIds(\"i-0123456789abcdef0\"))\n", "i-0123456789abcdef0"},
        };
        for (String[] row : table) {
            Run result = run(row[0], "--lang", "en");
            assertTrue(result.out().contains(row[1]), row[0] + " → " + result.out());
            assertTrue(result.code() != 0, row[0]);
            assertFalse(result.out().contains("\tat "), result.out());
        }
    }

    @Test
    void resetSandboxForgetsTheLocalAccount() throws Exception {
        Path kept = home.resolve("sandbox").resolve("state.json");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "{}");
        Run result = run("", "--lang", "en", "--reset-sandbox", "lang", "en");
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("Sandbox reset"), result.out());
        assertFalse(Files.exists(kept), "the sandbox's saved state is gone");
    }

    @Test
    void languageComesFromTheOptionThenTheSavedChoice() {
        assertTrue(run("", "--lang", "fr", "help").out().contains("Le shell"));
        run("", "--lang", "fr", "lang", "en");
        assertTrue(run("", "help").out().contains("The shell"), "the saved choice");
        run("", "lang", "fr");
        assertTrue(run("", "help").out().contains("Le shell"), "the saved choice");
        Run bad = run("", "--lang", "de", "help");
        assertEquals(2, bad.code());
        assertTrue(bad.out().contains("Langue inconnue « de »"), bad.out());
    }

    @Test
    void mainOptionsHaveTranslatedHelpAndErrors() {
        Run help = run("", "--lang", "fr", "--help");
        assertTrue(help.out().contains("--endpoint-url URL"), help.out());
        assertTrue(help.out().contains("Envoyer tous les appels AWS"), help.out());
        Run version = run("", "--version");
        assertTrue(version.out().strip().matches("awslab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
                "the version the build wrote: " + version.out());
        Run bad = run("", "--bogus");
        assertEquals(2, bad.code());
        assertFalse(bad.out().contains("Unknown option: '--bogus'"), "picocli's English never leaks: " + bad.out());
    }

    @Test
    void anInstructorChecksACourseFolderOneShotInTheirLanguage() throws Exception {
        Path course = home.resolve("mon-cours");
        Files.createDirectories(course.resolve("01-a"));
        Files.writeString(course.resolve("course.properties"), "format_version=1\nlessons=01-a\n");
        Files.writeString(course.resolve("01-a/steps"), "step go\n  run lanch\n");
        Files.writeString(course.resolve("01-a/fr.md"), "# A\n## intro\nSalut.\n## go\nTapez `lanch`.\n");
        Files.writeString(course.resolve("01-a/en.md"), "# A\n## intro\nHi.\n");
        Run broken = run("", "--lang", "fr", "course", "check", course.toString());
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.out().contains("01-a/en.md : pas de texte pour l’étape go"), broken.out());
        assertTrue(broken.out().contains("01-a/steps, étape go : « lanch » n’est pas une commande que le shell comprend"), broken.out());
        assertTrue(broken.out().contains("3 problèmes dans " + course), broken.out());

        Files.writeString(course.resolve("01-a/steps"), "step go\n  run launch\n");
        Files.writeString(course.resolve("01-a/fr.md"), "# A\n## intro\nSalut.\n## go\nTapez `launch`.\n");
        Files.writeString(course.resolve("01-a/en.md"), "# A\n## intro\nHi.\n## go\nType `launch`.\n");
        Run ready = run("", "--lang", "en", "--course", course.toString(), "course", "check");
        assertEquals(0, ready.code(), ready.out());
        assertTrue(ready.out().contains("The course in " + course + " is ready: 1 lessons, 1 steps"), ready.out());
        Run taught = run("", "--lang", "en", "--course", "elsewhere", "--course", course.toString(), "lesson");
        assertTrue(taught.out().contains("1. A"), "the last --course wins, as the launcher expects: " + taught.out());
    }

    @Test
    void aCourseThatCannotBeReadNeverStopsTheClass() throws Exception {
        Path course = home.resolve("half-edited");
        Files.createDirectories(course);
        Files.writeString(course.resolve("course.properties"), "format_version=1\nlessons=01-missing\n");
        Run run = run("", "--lang", "en", "--course", course.toString(), "lesson");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("A file of the course is missing: " + course.resolve("01-missing/steps")), run.out());
        assertTrue(run.out().contains("this session teaches the course packaged with awslab"), run.out());
        assertTrue(run.out().contains("1. My first EC2 instance"), "the packaged lessons are listed: " + run.out());
    }

    @Test
    void theSavedExplainSettingStaysInInteractiveSessions() {
        Map<String, String> env = Map.of("AWSLAB_HOME", home.toString(), "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing", "AWS_EC2_METADATA_DISABLED", "true");
        String moto = awslab.testing.MotoServer.get().endpoint().toString();
        assertEquals(0, runWith(env, "--lang", "en", "explain", "on").code());
        Run quiet = runWith(env, "--lang", "en", "--endpoint-url", moto, "--region", "us-east-1", "launch", "--name", "quiet");
        assertEquals(0, quiet.code(), quiet.out());
        assertFalse(quiet.out().contains("AWS CLI: aws ec2 run-instances"), "a one-shot run ignores the saved setting: " + quiet.out());
        Run told = runWith(env, "--lang", "en", "--explain", "--endpoint-url", moto, "--region", "us-east-1", "launch", "--name", "told");
        assertTrue(told.out().contains("AWS CLI: aws ec2 run-instances"), told.out());
    }

    private Run runWith(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new Main.Io(new ByteArrayInputStream(new byte[0]), out, env, false));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }
}
