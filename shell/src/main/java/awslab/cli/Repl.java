package awslab.cli;

import awslab.api.UserException;
import awslab.jshell.JavaShell;
import awslab.target.Identity;
import awslab.target.Target;
import awslab.ui.Console;
import awslab.target.SandboxCloud;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
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

    private final ShellSession session;
    private final Interpreter interpreter;
    private final Terminal terminal;
    private final LineReader reader;

    public Repl(ShellSession session, Interpreter interpreter, Terminal terminal) {
        this.session = session;
        this.interpreter = interpreter;
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("awslab")
                .parser(new ShellParser())
                .completer(new ShellCompleter(session, interpreter.runner(), session.java().orElseThrow()))
                .variable(LineReader.HISTORY_FILE, session.stateDir().resolve("history"))
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .history(new SafeHistory())
                .build();
        session.interactive(terminal, reader);
    }

    public LineReader reader() {
        return reader;
    }

    /** Runs until {@code exit} or Ctrl-D; returns the process exit code. */
    public int run() {
        banner();
        warmUpAfterPrompt();
        StringBuilder buffer = new StringBuilder();
        while (true) {
            String prompt = buffer.length() == 0 ? prompt() : session.messages().get("prompt.more");
            String line;
            try {
                line = reader.readLine(prompt);
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
     * The prompt comes first: only once it shows do the SDK clients, JShell (whose first
     * compilation takes seconds) and the account look-up start, on a background thread.
     */
    private void warmUpAfterPrompt() {
        Thread warmUp = new Thread(() -> {
            try {
                Thread.sleep(PROMPT_FIRST_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            session.warmClients();
            session.java().ifPresent(JavaShell::startInBackground);
            if (session.targets().missing(session.target()).isEmpty() && session.target().kind() != Target.Kind.SANDBOX) {
                lookUpAccount();
            }
        }, "awslab-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Says who the credentials belong to as soon as STS answers, above the prompt. */
    private void lookUpAccount() {
        CompletableFuture.runAsync(() -> {
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
