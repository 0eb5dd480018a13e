package awslab.cli;

import awslab.api.ShellContext;
import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.jshell.JavaShell;
import awslab.logging.Background;
import awslab.api.Reachability;
import awslab.settings.Settings;
import awslab.state.StateFiles;
import awslab.api.AwsClients;
import awslab.target.AwsErrors;
import awslab.reach.PublicAddressReachability;
import awslab.target.LocalCloud;
import awslab.target.Target;
import awslab.target.Targets;
import awslab.ui.Console;
import awslab.ui.ConsoleProgress;
import awslab.ui.LineWrapper;
import awslab.ui.ScreenWriter;
import awslab.api.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The running shell as commands see it: the {@link ShellContext} implementation. It holds the
 * language, the active target and its SDK clients (built in the background so that the prompt
 * never waits for them), the state directory and the terminal.
 *
 * <pre>
 * ShellSession session = new ShellSession(stateDir, files, settings, targets, target, Language.EN, out, false);
 * AwsClients clients = session.clients(); // or a UserException saying how to connect
 * </pre>
 */
public final class ShellSession implements ShellContext {
    static final long CLIENTS_TIMEOUT_SECONDS = 60;
    /** Columns left after a question for its answer ({@code oui}). */
    private static final int ANSWER_ROOM = 5;

    private final Path stateDir;
    private final StateFiles files;
    private final Settings settings;
    private final Targets targets;
    private final ScreenWriter screen;
    private final PrintWriter out;
    private final Console console;
    private volatile Messages messages;
    private volatile Target target;
    private volatile CompletableFuture<AwsClients> clients;
    private boolean clientsStarted;
    private volatile Terminal terminal;
    private volatile LineReader reader;
    private volatile JavaShell java;
    private volatile boolean exitRequested;
    private volatile boolean debug;
    /** {@code --explain}: explanations for this run, whatever the saved setting. */
    private volatile boolean explainOnce;
    /** {@code explain on|off} typed in this run (a script's own choice holds for its later lines). */
    private volatile Boolean explainChosen;
    /** A demo's choice, for as long as it plays. */
    private volatile Boolean explainDemo;
    /** The answer's explanation when confirmations are answered yes without asking, else null. */
    private volatile String yesReason;

    public ShellSession(Path stateDir, StateFiles files, Settings settings, Targets targets, Target target,
            Language language, PrintWriter out, boolean colour) {
        this.stateDir = stateDir;
        this.files = files;
        this.settings = settings;
        this.targets = targets;
        this.screen = new ScreenWriter(out, () -> 0);
        this.out = new PrintWriter(screen, true);
        this.messages = Messages.load(language);
        this.console = new Console(this.out, () -> this.messages, colour);
        this.target = target;
        this.clients = new CompletableFuture<>();
        this.clientsStarted = false;
    }

    /** Starts building the clients in the background, if not yet started (after the prompt shows). */
    public synchronized CompletableFuture<AwsClients> warmClients() {
        if (!clientsStarted) {
            clientsStarted = true;
            buildClients(target).whenComplete((built, failure) -> {
                if (failure != null) {
                    clients.completeExceptionally(failure);
                } else {
                    clients.complete(built);
                }
            });
        }
        return clients;
    }

    private CompletableFuture<AwsClients> buildClients(Target forTarget) {
        if (targets.missing(forTarget).isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> targets.clients(forTarget), Background.executor("awslab-clients"));
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    public Console console() {
        return console;
    }

    @Override
    public AwsClients clients() {
        Target current = target;
        Optional<UserException> missing = targets.missing(current);
        if (missing.isPresent()) {
            throw missing.get();
        }
        try {
            AwsClients built = warmClients().get(CLIENTS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (built == null) {
                throw new UserException("err.target.credentials.none");
            }
            return built;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(e, "err.interrupted");
        } catch (ExecutionException e) {
            throw AwsErrors.explainAny(e.getCause());
        } catch (TimeoutException e) {
            throw new UserException(e, "err.aws.timeout");
        }
    }

    /** Whether the clients of the current target are built and usable, without waiting nor starting anything. */
    public boolean clientsReady() {
        CompletableFuture<AwsClients> current = clients;
        return current.isDone() && !current.isCompletedExceptionally() && current.getNow(null) != null;
    }

    /** The clients, or null when the target has none (for JShell's variables). */
    public AwsClients clientsOrNull() {
        try {
            return clients();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Reachability reachability() {
        return switch (target.kind()) {
            case AWS -> new PublicAddressReachability();
            case SANDBOX -> targets.localCloud().map(LocalCloud::reachability).orElse(Reachability.NONE);
            case ENDPOINT -> Reachability.NONE;
        };
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public StateFiles files() {
        return files;
    }

    @Override
    public Progress progress() {
        return new ConsoleProgress(console, this::explain);
    }

    /**
     * Whether operations show their equivalent AWS CLI and SDK calls: a demo's choice while it
     * plays; else {@code --explain}, or {@code explain on|off} typed in this run; else the saved
     * setting — in an interactive session only: a one-shot run or a script prints the same
     * whatever an earlier session chose.
     */
    public boolean explain() {
        Boolean demo = explainDemo;
        if (demo != null) {
            return demo;
        }
        Boolean chosen = explainChosen;
        if (explainOnce || chosen != null) {
            return explainOnce || chosen;
        }
        return reader != null && settings.get(Settings.EXPLAIN).map("on"::equals).orElse(false);
    }

    public void explainForThisRun(boolean on) {
        this.explainOnce = on;
    }

    /** {@code explain on|off}: saved for later sessions, and in force for the rest of this run. */
    public void explainChosen(boolean on) {
        settings.set(Settings.EXPLAIN, on ? "on" : "off");
        this.explainChosen = on;
    }

    @Override
    public <T> T unattended(boolean answerYes, boolean explainCalls, java.util.function.Supplier<T> action) {
        String previousYes = yesReason;
        Boolean previousExplain = explainDemo;
        yesReason = answerYes ? "msg.confirm.yes.demo" : previousYes;
        explainDemo = explainCalls;
        try {
            return action.get();
        } finally {
            yesReason = previousYes;
            explainDemo = previousExplain;
        }
    }

    @Override
    public boolean confirm(String key, Object... args) {
        String question = messages.get(key, args) + messages.get("msg.confirm.suffix");
        String assumed = yesReason;
        if (assumed != null) {
            console.println(question + messages.get(assumed));
            return true;
        }
        LineReader lineReader = reader;
        if (lineReader == null) {
            console.println(question + messages.get("msg.confirm.no.noninteractive"));
            return false;
        }
        // The line editor would fold a long question mid-word: all but its last line go first.
        List<String> lines = LineWrapper.wrap(question, Math.max(0, screen.width() - ANSWER_ROOM));
        lines.subList(0, lines.size() - 1).forEach(console::println);
        String answer;
        try {
            answer = lineReader.readLine(lines.get(lines.size() - 1)).strip().toLowerCase(Locale.ROOT);
        } catch (UserInterruptException | EndOfFileException e) {
            // Ctrl-C or Ctrl-D at a question is a "no": nothing is done, and the command says so.
            Thread.interrupted();
            console.println(messages.get("msg.confirm.no.interrupted"));
            return false;
        }
        return messages.get("msg.confirm.yes.words").contains("|" + answer + "|") && !answer.isEmpty();
    }

    @Override
    public Optional<Terminal> terminal() {
        return Optional.ofNullable(terminal);
    }

    @Override
    public int width() {
        return screen.width();
    }

    /** Answers yes to every confirmation (a script an instructor runs unattended, tests); off by default. */
    public void assumeYes(boolean yes) {
        this.yesReason = yes ? "msg.confirm.yes.assumed" : null;
    }

    /** Called by the REPL: the interactive terminal and its line reader. */
    public void interactive(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
        screen.width(terminal::getWidth);
        screen.prompt(reader);
    }

    /** Where everything printed goes on its way to the terminal (wrapping, background lines). */
    public ScreenWriter screen() {
        return screen;
    }

    public Optional<LineReader> reader() {
        return Optional.ofNullable(reader);
    }

    /**
     * Says something that happened in the background (the sandbox starting, a damaged file set
     * aside): above the prompt while one shows, never into a line being printed.
     */
    public void notice(String key, Object... args) {
        screen.announce(console.text(key, args));
    }

    /** As {@link #notice}, in the warning colour. */
    public void warning(String key, Object... args) {
        screen.announce(console.warning(key, args));
    }

    public Target target() {
        return target;
    }

    public Targets targets() {
        return targets;
    }

    public Settings settings() {
        return settings;
    }

    /** Switches to another target: new clients (in the background), JShell's variables rebound. */
    public void switchTarget(Target newTarget) {
        CompletableFuture<AwsClients> old;
        synchronized (this) {
            old = clientsStarted ? clients : CompletableFuture.completedFuture(null);
            this.target = newTarget;
            this.clients = new CompletableFuture<>();
            this.clientsStarted = false;
        }
        warmClients();
        old.thenAccept(c -> {
            if (c != null) {
                c.close();
            }
        });
        JavaShell shell = java;
        if (shell != null) {
            shell.rebind();
        }
    }

    /** Switches the language at once (the choice is saved by the {@code lang} command). */
    public void language(Language language) {
        this.messages = Messages.load(language);
    }

    public void java(JavaShell javaShell) {
        this.java = javaShell;
    }

    public Optional<JavaShell> java() {
        return Optional.ofNullable(java);
    }

    public void requestExit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    public boolean debug() {
        return debug;
    }

    public void debug(boolean on) {
        debug = on;
    }
}
