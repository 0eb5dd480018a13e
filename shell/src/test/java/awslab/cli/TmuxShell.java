package awslab.cli;

import awslab.sandbox.SandboxTesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real shell in a real terminal, for tests: tmux runs {@code awslab.Main} on a private server
 * (its own socket), in a JVM of its own with the test classpath, its own state directory and a
 * clean environment; the test types, presses keys, pastes (bracketed or not, as a terminal
 * delivers a paste) and reads the screen, scrollback included — lines joined as the program
 * wrote them ({@code capture-pane -J}), so that a line the terminal had to fold shows as longer
 * than the terminal.
 *
 * <pre>
 * try (TmuxShell shell = TmuxShell.start(dir, 80, Map.of("LANG", "fr_FR.UTF-8"))) {      // the sandbox
 *     shell.awaitScreen("awslab [fr|sandbox]>");
 *     shell.type("status").keys("Enter");
 * }
 * try (TmuxShell shell = TmuxShell.start(dir, Map.of(), "--lang", "en", "--endpoint-url", moto)) {
 *     shell.awaitScreen("awslab [en|endpoint]>");
 * }
 * </pre>
 */
final class TmuxShell implements AutoCloseable {
    static final String INSTALL_HINT = "tmux is needed for this test: apt-get install -y tmux";
    static final Duration WAIT = Duration.ofSeconds(90);
    /** The credentials an emulator (Moto) accepts. */
    private static final Map<String, String> EMULATOR_CREDENTIALS = Map.of(
            "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");

    private final String socket;
    private final int width;
    private final Path home;

    private TmuxShell(String socket, int width, Path home) {
        this.socket = socket;
        this.width = width;
        this.home = home;
    }

    /**
     * Starts {@code awslab.Main ARGS} in a {@code width}-column tmux window with no credentials
     * (the sandbox target, a service on any free port at the fast pace, stopped by
     * {@link #close()}), {@code AWSLAB_HOME} in {@code dir}, and {@code env} on top of a clean
     * environment (a null value leaves the variable out).
     */
    static TmuxShell start(Path dir, int width, Map<String, String> env, String... args) throws Exception {
        Path home = dir.resolve("home");
        // A clean environment: no AWS credentials nor locale of the machine running the tests.
        Map<String, String> all = new LinkedHashMap<>();
        all.put("PATH", "/usr/bin:/bin");
        all.put("HOME", dir.toString());
        all.put("AWSLAB_HOME", home.toString());
        all.put("AWS_EC2_METADATA_DISABLED", "true");
        all.put("TERM", "xterm-256color");
        all.put("AWSLAB_SANDBOX_PORT", "0");
        all.put("AWSLAB_SANDBOX_PACE", "fast");
        all.put("AWSLAB_SANDBOX_IDLE", "5m");
        all.putAll(env);
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec env -i");
        all.forEach((name, value) -> {
            if (value != null) {
                script.append(' ').append(name).append("='").append(value).append('\'');
            }
        });
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script.append(" '").append(java).append("' -XX:TieredStopAtLevel=1 -cp '").append(classpath).append("' awslab.Main");
        for (String arg : args) {
            script.append(" '").append(arg).append("'");
        }
        script.append('\n');
        Path launcher = dir.resolve("awslab.sh");
        Files.writeString(launcher, script);
        TmuxShell shell = new TmuxShell("awslab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), width, home);
        if (!shell.tmux("new-session", "-d", "-s", "t", "-x", String.valueOf(width), "-y", "50", "sh " + launcher)) {
            throw new AssertionError("could not start tmux. " + INSTALL_HINT);
        }
        shell.tmux("set-option", "-t", "t", "history-limit", "20000");
        return shell;
    }

    /**
     * For an emulator: 150 columns, with the credentials Moto accepts beneath {@code env} (a null
     * value there leaves one out).
     */
    static TmuxShell start(Path dir, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(EMULATOR_CREDENTIALS);
        all.putAll(env);
        return start(dir, 150, all, args);
    }

    int width() {
        return width;
    }

    Path home() {
        return home;
    }

    /** Sends keys as tmux names them ({@code Enter}, {@code C-c}, {@code Tab}) or text. */
    TmuxShell keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
        return this;
    }

    /** Sends {@code text} literally, as typed (no key names, no Enter), in pieces tmux accepts. */
    TmuxShell type(String text) throws Exception {
        for (int i = 0; i < text.length(); i += 1_000) {
            tmux("send-keys", "-t", "t", "-l", text.substring(i, Math.min(text.length(), i + 1_000)));
        }
        return this;
    }

    /**
     * Pastes {@code text} as a terminal does: bracketed (the application asked for it, as JLine
     * does at its prompt) or not; lines end with a carriage return, as when pasted.
     */
    TmuxShell paste(String text, boolean bracketed) throws Exception {
        Path buffer = Files.createTempFile(home.getParent(), "paste", ".txt");
        Files.writeString(buffer, text);
        tmux("load-buffer", "-b", "paste", buffer.toString());
        Files.delete(buffer);
        tmux(bracketed ? new String[] {"paste-buffer", "-p", "-d", "-b", "paste", "-t", "t"}
                : new String[] {"paste-buffer", "-d", "-b", "paste", "-t", "t"});
        return this;
    }

    /** Waits (bounded) until the screen shows {@code text}; returns the screen. */
    String awaitScreen(String text, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            screen = screen();
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no \"" + text + "\" within " + wait + " on the screen:\n" + screen + logTail());
    }

    String awaitScreen(String text) throws Exception {
        return awaitScreen(text, WAIT);
    }

    /** Waits (bounded) until {@code text} is on the screen {@code times} times; returns how many times it is. */
    int awaitCount(String text, int times, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        while (count(text) < times && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        int count = count(text);
        if (count < times) {
            throw new AssertionError(times + " × \"" + text + "\" expected within " + wait + ", " + count
                    + " on the screen:\n" + screen());
        }
        return count;
    }

    int awaitCount(String text, int times) throws Exception {
        return awaitCount(text, times, WAIT);
    }

    /** How many times {@code text} is on the screen and in its scrollback. */
    int count(String text) throws Exception {
        String screen = screen();
        int count = 0;
        for (int at = screen.indexOf(text); at >= 0; at = screen.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    /** The screen and all its scrollback, each line as the program wrote it. */
    String screen() throws Exception {
        Process process = command("capture-pane", "-p", "-J", "-t", "t", "-S", "-", "-E", "-");
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    /** The end of the shell's log, to say why a test failed. */
    String logTail() {
        Path log = home.resolve("logs").resolve("awslab.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "\nlast lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "\n(no log: " + e.getMessage() + ")";
        }
    }

    /** The process running in the window: the shell's JVM. */
    ProcessHandle process() throws Exception {
        Process process = command("list-panes", "-t", "t", "-F", "#{pane_pid}");
        String pid = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> new AssertionError("no shell process " + pid));
    }

    boolean running() throws Exception {
        return tmux("has-session", "-t", "t");
    }

    /** Types {@code exit} and waits (bounded) for the shell to end. */
    void exit() throws Exception {
        type("exit").keys("Enter");
        awaitEnd();
    }

    /** Waits (bounded) for the shell to end. */
    void awaitEnd() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (running() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (running()) {
            throw new AssertionError("the shell did not end; screen:\n" + screen());
        }
    }

    @Override
    public void close() throws Exception {
        tmux("kill-server");
        // the sandbox outlives the shell, as it should: a test leaves nothing running
        SandboxTesting.stopService(home);
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
