package awslab.cli;

import awslab.state.StateFiles;
import awslab.i18n.Language;
import awslab.jshell.JavaShell;
import awslab.settings.Settings;
import awslab.target.Target;
import awslab.target.Targets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Drives the real REPL on a dumb terminal over pipes: type a line, wait (bounded) until the
 * screen shows some text.
 *
 * <pre>
 * try (ReplDriver repl = ReplDriver.start(target, stateDir, Language.EN)) {
 *     repl.type("help").await("The shell");
 * }
 * </pre>
 */
final class ReplDriver implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final PipedOutputStream keyboard;
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final Repl repl;
    private final CompletableFuture<Integer> exit;
    private final Interpreter interpreter;
    /** Where {@link #fresh()} starts, in bytes of the screen. */
    private int mark;

    /** What the terminal printed; read from a mark on, without copying what is before it. */
    private static final class Screen extends ByteArrayOutputStream {
        synchronized String since(int offset) {
            int from = Math.min(offset, count);
            return new String(buf, from, count - from, StandardCharsets.UTF_8);
        }
    }

    private ReplDriver(Target target, Path stateDir, Language language) throws IOException {
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 1 << 20);
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                }
            }
        };
        terminal = TerminalBuilder.builder().system(false).dumb(true).type(Terminal.TYPE_DUMB)
                .streams(in, out).encoding(StandardCharsets.UTF_8).build();
        PrintWriter writer = new PrintWriter(terminal.writer(), true);
        StateFiles files = new StateFiles(damage -> {});
        Targets targets = new Targets(stateDir, Map.of());
        ShellSession session = new ShellSession(stateDir, files, Settings.load(files, stateDir), targets,
                target, language, writer, false);
        JavaShell java = JavaShell.lazy(new PrintStream(out, true, StandardCharsets.UTF_8), session::warmClients);
        interpreter = new awslab.Wiring(session, targets, java, awslab.logging.LogBook.detached(stateDir, "awslab")).interpreter();
        targets.localCloud(null); // the REPL's tests never start a sandbox: the target says it is unavailable
        repl = new Repl(session, interpreter, terminal);
        exit = CompletableFuture.supplyAsync(repl::run);
    }

    static ReplDriver start(Target target, Path stateDir, Language language) throws IOException {
        return new ReplDriver(target, stateDir, language);
    }

    Interpreter interpreter() {
        return interpreter;
    }

    /** Ends the input, as Ctrl-D on an empty line does. */
    void endInput() throws IOException {
        keyboard.close();
    }

    Repl repl() {
        return repl;
    }

    /** Types a line and Enter. */
    ReplDriver type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return this;
    }

    /**
     * Ctrl-C as the terminal delivers it: the interrupt signal (the key itself, 0x03, never
     * reaches the shell: the terminal turns it into the signal).
     */
    ReplDriver ctrlC() {
        terminal.raise(Terminal.Signal.INT);
        return this;
    }

    /** Sends raw bytes (e.g. Ctrl-C, 0x03). */
    ReplDriver press(int key) throws IOException {
        keyboard.write(key);
        keyboard.flush();
        return this;
    }

    /** Waits until {@code text} appears after the last awaited text; returns the new screen part. */
    String await(String text) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            String fresh = fresh();
            int at = fresh.indexOf(text);
            if (at >= 0) {
                String read = fresh.substring(0, at + text.length());
                skip(read);
                return read;
            }
            sleep(20);
        }
        throw new AssertionError("no \"" + text + "\" on screen within " + WAIT + "; screen after mark:\n" + fresh());
    }

    /** Moves the mark past {@code read}, the start of what {@link #fresh()} returned. */
    void skip(String read) {
        mark += read.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The screen since the last awaited text. */
    String fresh() {
        return screen.since(mark);
    }

    String screenText() {
        return screen.since(0);
    }

    /** Closes the keyboard (Ctrl-D at the end of input) and waits for the REPL's exit code. */
    int awaitExit() throws Exception {
        return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    boolean exited() {
        return exit.isDone();
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        terminal.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
