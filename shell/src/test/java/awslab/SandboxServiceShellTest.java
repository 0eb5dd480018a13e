package awslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.sandbox.SandboxClient;
import awslab.sandbox.SandboxTesting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox service through the shell, as a student meets it: one-shot commands one after the
 * other (each a new shell), shells that share it, a shell killed in the middle of a command, a
 * proxy in the environment — and the local addresses each command shows.
 */
class SandboxServiceShellTest {
    private static final Pattern LOCAL_WEB = Pattern.compile("answers on this computer at (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path home;

    @AfterEach
    void stopTheSandbox() {
        SandboxTesting.stopService(home);
    }

    /** The state directory's environment: any free port (never the fixed one), the tests' pace. */
    private Map<String, String> env() {
        return Map.of("AWSLAB_HOME", home.toString(), "AWSLAB_SANDBOX_PORT", "0", "AWSLAB_SANDBOX_PACE", "fast",
                "AWSLAB_SANDBOX_IDLE", "3m");
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new Main.Io(new ByteArrayInputStream(new byte[0]), out, env(), false));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", args) + " → " + text);
        return text;
    }

    @Test
    @Timeout(240)
    void oneShotCommandsShareOneSandboxAndShowWhereEachInstanceAnswers() throws Exception {
        String launched = run("--lang", "en", "launch");
        URI web = local(launched);
        assertTrue(get(web.resolve("/instance")).contains("\"i-"), "the local address is the instance's web service");
        SandboxClient sandbox = SandboxClient.find(home).orElseThrow(() -> new AssertionError("the shell has gone, the sandbox has not"));

        String ssh = run("--lang", "en", "ssh", "ma-premiere-instance", "--", "echo", "hello from the instance");
        assertTrue(ssh.contains("hello from the instance"), "a new shell finds the instance running, not pending: " + ssh);
        String status = run("--lang", "en", "status", "ma-premiere-instance");
        assertEquals(web, local(status), "status shows the same local address");
        assertEquals(sandbox.pid(), SandboxClient.find(home).orElseThrow().pid(), "every one-shot used the same sandbox");

        String ip = publicIp(status);
        run("--lang", "en", "stop");
        String started = run("--lang", "en", "start");
        URI newWeb = local(started);
        assertFalse(started.contains("new public IP: " + ip), "stop and start: a new public IP: " + started);
        assertTrue(get(newWeb.resolve("/health")) != null, started);
        String newIp = publicIp(run("--lang", "en", "status", "ma-premiere-instance"));

        assertTrue(run("--lang", "en", "sandbox", "stop").contains("Sandbox stopped"));
        assertFalse(SandboxClient.find(home).isPresent());
        String after = run("--lang", "en", "status", "ma-premiere-instance");
        assertTrue(after.contains("Starting the local sandbox in the background"), after);
        assertEquals(newIp, publicIp(after), "the sandbox stopped and came back: the instance keeps its public IP");
    }

    @Test
    @Timeout(180)
    void twoShellsStartingAtOnceShareOneSandboxAndLoseNoSetting() throws Exception {
        Process first = shell("--lang", "en", "sandbox", "start", "--idle", "30m");
        Process second = shell("--lang", "fr", "lang", "fr");
        Process third = shell("--lang", "en", "status");
        String one = output(first);
        output(second);
        String three = output(third);
        SandboxClient sandbox = SandboxClient.find(home).orElseThrow();
        assertTrue(one.contains("(process " + sandbox.pid() + ")"), one);
        assertTrue(three.contains("(process " + sandbox.pid() + ")"), "both shells found the one sandbox: " + three);
        String settings = java.nio.file.Files.readString(home.resolve("settings.properties"));
        assertTrue(settings.contains("language=fr") && settings.contains("sandbox.idle=30m"), settings);
    }

    @Test
    @Timeout(180)
    void aShellKilledMidCommandLeavesTheSandboxServingAndNothingUnowned() throws Exception {
        Process shell = shell("--lang", "en", "launch");
        awaitOutput(shell, "Starting the local sandbox");
        Thread.sleep(1500);
        shell.destroyForcibly(); // SIGKILL, in the middle of the launch
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
        String instances = run("--lang", "en", "instances");
        SandboxClient sandbox = SandboxClient.find(home).orElseThrow(() -> new AssertionError("the sandbox outlives a killed shell"));
        List<Long> owned = sandbox.processes();
        String marker = "AWSLAB_SANDBOX=" + home.resolve("sandbox").toAbsolutePath().normalize();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (environ(p.pid()).contains(marker + "\0")) {
                assertTrue(owned.contains(p.pid()), "process " + p.pid() + " belongs to the live sandbox: " + owned + "\n" + instances);
            }
        }
    }

    @Test
    @Timeout(120)
    void aProxyInTheEnvironmentDoesNotStandBetweenTheShellAndTheSandbox() throws Exception {
        Map<String, String> proxy = Map.of("HTTP_PROXY", "http://127.0.0.1:9", "http_proxy", "http://127.0.0.1:9",
                "HTTPS_PROXY", "http://127.0.0.1:9", "https_proxy", "http://127.0.0.1:9", "ALL_PROXY", "http://127.0.0.1:9");
        String status = output(shell(proxy, "--lang", "en", "status"));
        assertTrue(status.contains("Account: 000000000000"), status);
    }

    private Process shell(String... args) throws IOException {
        return shell(Map.of(), args);
    }

    /** A shell of its own (a JVM), as a student's terminal starts it, with this test's state directory. */
    private Process shell(Map<String, String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(env());
        environment.putAll(extra);
        builder.environment().putAll(environment);
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_ENDPOINT_URL").forEach(builder.environment()::remove);
        return builder.start();
    }

    private static String output(Process process) throws Exception {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    private static void awaitOutput(Process process, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        var in = process.getInputStream();
        for (int i = 0; i < 20_000 && !seen.toString().contains(text); i++) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("the shell ended before saying " + text + ": " + seen);
            }
            seen.append((char) c);
        }
    }

    private static URI local(String output) {
        Matcher matcher = LOCAL_WEB.matcher(output);
        assertTrue(matcher.find(), "a local address is shown: " + output);
        return URI.create(matcher.group(1));
    }

    private static String publicIp(String status) {
        Matcher matcher = Pattern.compile("In the sandbox, http://([0-9.]+)/ answers").matcher(status);
        assertTrue(matcher.find(), status);
        return matcher.group(1);
    }

    private static String get(URI uri) {
        return SandboxTesting.get(uri);
    }

    private static String environ(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
