package awslab.cli;

import awslab.sandbox.SandboxTesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real shell in a real terminal: tmux (a private server) runs {@code awslab.Main} from the
 * test classpath with its own state directory and environment; the test types, presses keys,
 * and reads the screen — lines joined as the program wrote them ({@code capture-pane -J}), so
 * that a line the terminal had to fold shows as longer than the terminal.
 *
 * <pre>
 * try (TmuxShell shell = TmuxShell.start(dir, 80, Map.of("LANG", "fr_FR.UTF-8"))) {
 *     shell.awaitScreen("awslab [fr|sandbox]>");
 *     shell.type("status");
 * }
 * </pre>
 */
final class TmuxShell implements AutoCloseable {
    static final String INSTALL_HINT = "tmux is needed for this test: apt-get install -y tmux";

    private final String socket;
    private final int width;
    private final Path home;

    private TmuxShell(String socket, int width, Path home) {
        this.socket = socket;
        this.width = width;
        this.home = home;
    }

    /**
     * The shell with no credentials (the sandbox target, a service on any free port at the fast
     * pace, stopped by {@link #close()}), {@code width} columns, {@code env} on top of a clean one.
     */
    static TmuxShell start(Path dir, int width, Map<String, String> env, String... args) throws Exception {
        TmuxShell shell = new TmuxShell("awslab-seams-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), width,
                dir.resolve("home"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A clean environment: no AWS credentials nor locale of the machine running the tests.
        StringBuilder vars = new StringBuilder("PATH='/usr/bin:/bin' HOME='").append(dir).append("' AWSLAB_HOME='")
                .append(shell.home).append("' AWS_EC2_METADATA_DISABLED=true TERM=xterm-256color")
                .append(" AWSLAB_SANDBOX_PORT=0 AWSLAB_SANDBOX_PACE=fast AWSLAB_SANDBOX_IDLE=5m");
        env.forEach((k, v) -> vars.append(' ').append(k).append("='").append(v).append('\''));
        Path launcher = dir.resolve("awslab.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec env -i " + vars + " '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + classpath + "' awslab.Main " + String.join(" ", args) + "\n");
        if (!shell.tmux("new-session", "-d", "-s", "t", "-x", String.valueOf(width), "-y", "50", "sh " + launcher)) {
            throw new AssertionError("could not start tmux. " + INSTALL_HINT);
        }
        shell.tmux("set-option", "-t", "t", "history-limit", "20000");
        return shell;
    }

    int width() {
        return width;
    }

    /** Types {@code text} as it is, then Enter. */
    void type(String text) throws Exception {
        tmux("send-keys", "-t", "t", "-l", text);
        tmux("send-keys", "-t", "t", "Enter");
    }

    /** Types {@code text} as it is, without Enter. */
    void typeOnly(String text) throws Exception {
        tmux("send-keys", "-t", "t", "-l", text);
    }

    /** Presses keys by tmux's names: {@code C-c}, {@code Tab}, {@code C-u}. */
    void press(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Waits (bounded) until the screen shows {@code text} after {@code from} (an earlier screen's length); returns the screen. */
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
        throw new AssertionError("no \"" + text + "\" within " + wait + " on the screen:\n" + screen);
    }

    String awaitScreen(String text) throws Exception {
        return awaitScreen(text, Duration.ofSeconds(90));
    }

    /** Waits until {@code text} shows up {@code times} times on the screen. */
    String awaitCount(String text, int times, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            screen = screen();
            if (screen.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("\"" + text + "\" not " + times + " times within " + wait + " on the screen:\n" + screen);
    }

    /** The whole screen and its history, each line as the program wrote it. */
    String screen() throws Exception {
        Process process = command("capture-pane", "-p", "-J", "-t", "t", "-S", "-20000");
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    boolean running() throws Exception {
        return tmux("has-session", "-t", "t");
    }

    /** Types exit and waits (bounded) for the shell to end. */
    void exit() throws Exception {
        type("exit");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (running() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
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
