package awslab.cli;

import awslab.api.UserException;
import awslab.jshell.JavaShell;
import awslab.logging.Background;
import awslab.target.Identity;
import awslab.target.Target;
import awslab.ui.Console;
import awslab.target.SandboxCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * The interactive loop: banner, prompt (language and target), line editing with history in the
 * state directory and Tab completion, Java continuation lines ({@code ...>}) decided by JShell,
 * Ctrl-C to stop what runs, Ctrl-D or {@code exit} to quit.
 *
 * <pre>
 * int code = new Repl(session, interpreter, terminal).run();
 * </pre>
 */
public final class Repl {
    /** Time for the first prompt to be drawn before background work competes for the CPU. */
    static final long PROMPT_FIRST_MILLIS = 60;
    /** How long the SDK clients wait for JShell's start at most before they start too. */
    static final long JAVA_FIRST_MILLIS = 5_000;

    private final ShellSession session;
    private final Interpreter interpreter;
    private final Terminal terminal;
    private final LineReader reader;

    public Repl(ShellSession session, Interpreter interpreter, Terminal terminal) {
        this.session = session;
        this.interpreter = interpreter;
        this.terminal = terminal;
        Path historyFile = session.stateDir().resolve("history");
        SafeHistory.prepare(historyFile);
        ShellLineReader lineReader = new ShellLineReader(terminal, Map.of(
                LineReader.HISTORY_FILE, historyFile,
                LineReader.HISTORY_SIZE, 2000), Interpreter.MAX_LINE, this::tooLong);
        lineReader.setParser(new ShellParser());
        lineReader.setCompleter(new ShellCompleter(session, interpreter.runner(), session.java().orElseThrow()));
        lineReader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        lineReader.setHistory(new SafeHistory());
        this.reader = lineReader;
        session.interactive(terminal, reader);
    }

    public LineReader reader() {
        return reader;
    }

    /** Runs until {@code exit} or Ctrl-D; returns the process exit code. */
    public int run() {
        Attributes original = quietTerminal();
        try {
            return loop();
        } finally {
            restore(original);
        }
    }

    private int loop() {
        banner();
        warmUpAfterPrompt();
        StringBuilder buffer = new StringBuilder();
        while (true) {
            String prompt = buffer.length() == 0 ? prompt() : session.messages().get("prompt.more");
            String line;
            try {
                line = readLine(prompt);
            } catch (UserInterruptException e) {
                buffer.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (buffer.length() > 0) {
                buffer.append('\n');
            }
            buffer.append(line);
            String source = buffer.toString();
            try {
                if (needsMore(source)) {
                    continue;
                }
            } catch (UserException e) {
                session.console().error(e);
            }
            buffer.setLength(0);
            Interpreter.Result result = runWithCtrlC(source);
            if (result == Interpreter.Result.EXIT) {
                break;
            }
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            session.console().warn("err.history.save", e.getMessage());
        }
        farewell();
        return 0;
    }

    /**
     * Runs {@code source} with Ctrl-C stopping it rather than the shell. The terminal does not echo
     * {@code ^C} meanwhile: the line that says what was stopped starts where a line starts.
     */
    private Interpreter.Result runWithCtrlC(String source) {
        SignalHandler previous = terminal.handle(Signal.INT, signal -> interpreter.interrupt());
        Attributes saved = terminal.getAttributes();
        Attributes quiet = new Attributes(saved);
        quiet.setLocalFlag(LocalFlag.ECHOCTL, false);
        terminal.setAttributes(quiet);
        try {
            return interpreter.execute(source);
        } finally {
            terminal.setAttributes(saved);
            terminal.handle(Signal.INT, previous);
        }
    }

    /** The prompt's line, credentials masked on screen and kept from the history (not on a dumb terminal: JLine would blink the prompt). */
    private String readLine(String prompt) {
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        return reader.readLine(prompt, null, dumb ? null : SecretText.MASK, null);
    }

    private void tooLong(int length) {
        reader.printAbove(session.console().warning("err.line.toolong", length, Interpreter.MAX_LINE));
    }

    /**
     * Between prompts, the terminal does not echo what is typed (a command runs; the line reader
     * echoes at the next prompt): else a credentials block pasted just after {@code connect}
     * would show on screen before the paste prompt hides it. Ctrl-\ no longer dumps the JVM's
     * threads. Returns the attributes to restore at the end, or null when the terminal has none.
     */
    private Attributes quietTerminal() {
        try {
            Attributes original = terminal.getAttributes();
            Attributes quiet = new Attributes(original);
            quiet.setLocalFlag(Attributes.LocalFlag.ECHO, false);
            quiet.setControlChar(Attributes.ControlChar.VQUIT, 0);
            terminal.setAttributes(quiet);
            return original;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void restore(Attributes original) {
        if (original != null) {
            try {
                terminal.setAttributes(original);
            } catch (RuntimeException e) {
                // The terminal is gone: nothing to restore.
            }
        }
    }

    /** What keeps running after the shell: on AWS, the instances; in the sandbox, the sandbox itself, and until when. */
    private void farewell() {
        Optional<SandboxCloud> sandbox = sandbox();
        if (sandbox.isEmpty()) {
            session.console().info("msg.bye");
            return;
        }
        Optional<SandboxCloud.Status> running = sandbox.get().running();
        if (running.isPresent()) {
            session.console().info("msg.bye.sandbox.running", running.get().endpoint(), running.get().running(),
                    new SandboxTexts(session.console()).idleStop(running.get().idleStop()));
        } else {
            session.console().info("msg.bye.sandbox.stopped");
        }
    }

    /** The sandbox, when it is the target. */
    private Optional<SandboxCloud> sandbox() {
        if (session.target().kind() != Target.Kind.SANDBOX) {
            return Optional.empty();
        }
        return session.targets().localCloud().filter(SandboxCloud.class::isInstance).map(SandboxCloud.class::cast);
    }

    private boolean needsMore(String source) {
        try {
            Interpreter.check(source);
        } catch (UserException e) {
            return false;
        }
        return interpreter.needsMore(source);
    }

    String prompt() {
        return session.messages().get("prompt", session.messages().language().code(), session.target().shortName());
    }

    private void banner() {
        Console console = session.console();
        console.println(console.bold(session.messages().get("msg.banner.title")));
        Target target = session.target();
        console.info("msg.status.target", TargetStatus.describe(session, target));
        var missing = session.targets().missing(target);
        Optional<SandboxCloud> sandbox = sandbox();
        if (missing.isPresent()) {
            console.warn(missing.get().key(), missing.get().args());
        } else if (sandbox.isPresent()) {
            // the sandbox's account is known without asking; where it runs is what matters
            boolean running = sandbox.get().runningEndpoint().isPresent();
            console.info(running ? "msg.banner.sandbox.running" : "msg.banner.sandbox.starting",
                    new SandboxTexts(console).where(sandbox.get()), SandboxCloud.ACCOUNT, target.region());
        } else {
            console.info("msg.banner.region.account", target.region());
        }
        if (target.kind() == Target.Kind.ENDPOINT) {
            console.dim(session.messages().get("msg.banner.endpoint.paper"));
        }
        if (target.kind() == Target.Kind.SANDBOX && missing.isEmpty()) {
            console.dim(session.messages().get("msg.target.sandbox.hint"));
        }
        console.dim(session.messages().get("msg.banner.hint"));
    }

    /**
     * The prompt comes first, and Java next (started beside it: the first Java answer is what a
     * user waits for longest): only once JShell is ready, or after {@link #JAVA_FIRST_MILLIS}, do
     * the SDK clients and the account look-up start, on a background thread — a command that
     * needs the clients earlier builds them at once.
     */
    private void warmUpAfterPrompt() {
        Background.start("awslab-warm-up", () -> {
            try {
                Thread.sleep(PROMPT_FIRST_MILLIS);
                JavaShell java = session.java().orElse(null);
                if (java != null) {
                    java.startInBackground();
                    java.awaitReady(JAVA_FIRST_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            session.warmClients();
            if (session.targets().missing(session.target()).isEmpty() && session.target().kind() != Target.Kind.SANDBOX) {
                lookUpAccount();
            }
        });
    }

    /** Says who the credentials belong to as soon as STS answers, above the prompt. */
    private void lookUpAccount() {
        Background.start("awslab-account", () -> {
            String text;
            try {
                Identity identity = Identity.of(session.clients().sts());
                text = session.messages().get("msg.status.account", identity.account(), identity.arn());
            } catch (UserException e) {
                text = session.messages().get(e.key(), e.args());
            } catch (RuntimeException e) {
                text = session.messages().get("err.aws.client", String.valueOf(e.getMessage()));
            }
            session.screen().announce(text);
        });
    }
}
