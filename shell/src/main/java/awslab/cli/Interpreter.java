package awslab.cli;

import awslab.logging.Background;
import awslab.api.LineSplitter;
import awslab.api.UserException;
import awslab.jshell.JavaRunner;
import awslab.jshell.JavaShell;
import awslab.jshell.MetaCommands;
import awslab.target.Target;
import awslab.ui.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a line is and runs it: a command (its first word is a command name), a Java
 * meta command ({@code /vars}…), a mistyped command (a word close to a command name, with no
 * Java punctuation, that is not one of the user's Java names: the closest command is
 * suggested), or Java for JShell (everything else). Used by the REPL and by scripts.
 *
 * <pre>
 * Interpreter.Result result = interpreter.execute("help");
 * </pre>
 */
public final class Interpreter {
    /** What a line turned out to be. */
    public enum Kind { EMPTY, COMMAND, META, TYPO, CREDENTIALS, JAVA }

    /** How running a line went. */
    public enum Result { OK, FAILED, EXIT }

    /** Longer lines are refused: nobody types them, and they make every later step slow. */
    public static final int MAX_LINE = 100_000;

    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*(\\S+)(\\s+(.*))?$", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    /** What follows a command name when the line is in fact Java using a variable of that name. */
    private static final Pattern JAVA_AFTER_NAME = Pattern.compile("^(=[^=]|==|[+*/%&|^<>!?:;.)\\]}]).*", Pattern.DOTALL);
    private static final Pattern JAVA_PUNCTUATION = Pattern.compile("[(){};=.\"\\[\\]<>+*/%&|!]");
    private static final Pattern CREDENTIAL_LINE = Pattern.compile(
            "(?is)^\\s*(\\[default]|\\[[^]]+]\\s*aws_|(export\\s+)?aws_(access_key_id|secret_access_key|session_token)\\s*=).*");

    /** Commands that say where their calls go themselves, or make none that could cost. */
    private static final Set<String> SAYS_ITS_TARGET = Set.of("status", "help", "connect", "doctor", "lang", "explain",
            "progress", "course", "exit", "quit", "sandbox");

    private final ShellSession session;
    private final CommandRunner runner;
    private final JavaShell java;
    private final ExecutorService worker = Executors.newCachedThreadPool(Background.threads("awslab-run"));
    /** How long a stopped command may take to say so before the prompt comes back without it. */
    static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(50);

    private volatile Run running;
    private volatile int lastExitCode;

    public Interpreter(ShellSession session, CommandRunner runner, JavaShell java) {
        this.session = session;
        this.runner = runner;
        this.java = java;
        session.java(java);
    }

    public CommandRunner runner() {
        return runner;
    }

    /** Classifies a (first) line; see the class comment for the rule. */
    public Kind classify(String line) {
        if (line.isBlank()) {
            return Kind.EMPTY;
        }
        if (CREDENTIAL_LINE.matcher(line).matches() || SecretText.contains(line)) {
            return Kind.CREDENTIALS;
        }
        String trimmed = line.strip();
        if (trimmed.startsWith("/") && !trimmed.startsWith("//") && !trimmed.startsWith("/*")) {
            return Kind.META;
        }
        Matcher m = FIRST_WORD.matcher(line);
        if (!m.matches()) {
            return Kind.JAVA;
        }
        String first = m.group(1);
        String rest = m.group(3) == null ? "" : m.group(3);
        if (runner.commands().byName().containsKey(first)) {
            return JAVA_AFTER_NAME.matcher(rest).matches() ? Kind.JAVA : Kind.COMMAND;
        }
        if (!WORD.matcher(first).matches() || javax.lang.model.SourceVersion.isKeyword(first) || isJavaName(first)) {
            return Kind.JAVA;
        }
        if (first.contains("-")) {
            return Kind.TYPO;
        }
        boolean javaLooking = JAVA_PUNCTUATION.matcher(line).find();
        return !javaLooking && runner.commands().closest(first).isPresent() ? Kind.TYPO : Kind.JAVA;
    }

    private boolean isJavaName(String word) {
        return java.declares(word);
    }

    /** Whether {@code source} is unfinished Java, so the REPL reads another line ({@code ...>}). */
    public boolean needsMore(String source) {
        return classify(source) == Kind.JAVA && java.completeness(source) == JavaShell.Completeness.INCOMPLETE;
    }

    /**
     * Runs one complete input on a worker thread, so that Ctrl-C can stop it, and waits for it to
     * end: its last line (what Ctrl-C stopped) is printed before the next prompt, never into it.
     */
    public Result execute(String source) {
        Kind kind;
        try {
            check(source);
            kind = classify(source);
        } catch (UserException e) {
            session.console().error(e);
            return Result.FAILED;
        }
        if (kind == Kind.EMPTY) {
            return Result.OK;
        }
        Run run = new Run(kind == Kind.JAVA, firstWord(source));
        session.screen().busy(true);
        running = run;
        try {
            run.future = worker.submit(() -> {
                run.thread = Thread.currentThread();
                if (run.interrupts > 0) {
                    Thread.currentThread().interrupt(); // Ctrl-C came before the work began
                }
                try {
                    return run(kind, source);
                } finally {
                    Thread.interrupted(); // the pool's next task starts afresh
                    session.screen().unmute(Thread.currentThread());
                }
            });
            return run.await();
        } finally {
            running = null;
            session.screen().busy(false);
        }
    }

    private static String firstWord(String source) {
        return source.strip().split("\\s+", 2)[0];
    }

    /**
     * One input running on the worker. Ctrl-C interrupts it and the REPL waits for it to stop
     * and say so; a command that does not stop within {@link #GRACE} (blocked in a network call),
     * or a second Ctrl-C, makes the REPL stop waiting: what the command prints afterwards is
     * dropped, and its state changes are the command's own (state files are written whole).
     */
    private final class Run {
        private final boolean java;
        private final String name;
        private volatile Future<Result> future;
        private volatile Thread thread;
        private volatile int interrupts;
        private volatile long firstInterrupt;

        Run(boolean java, String name) {
            this.java = java;
            this.name = name;
        }

        void interrupt() {
            if (interrupts++ == 0) {
                firstInterrupt = System.nanoTime();
            }
            if (java) {
                Interpreter.this.java.stop();
                return;
            }
            Thread current = thread;
            if (current != null) {
                current.interrupt();
            }
        }

        /**
         * A snippet's end is JavaShell's own: one that does not stop is set aside for a fresh
         * session, said so, at its grace or a second Ctrl-C. Giving up on it at the same moment
         * would mute that message and leave the session behind, so the REPL waits longer for Java.
         */
        private boolean abandoned() {
            int enough = java ? 3 : 2;
            Duration grace = java ? GRACE.multipliedBy(3) : GRACE;
            return interrupts >= enough || interrupts >= 1 && System.nanoTime() - firstInterrupt > grace.toNanos();
        }

        Result await() {
            while (true) {
                try {
                    return future.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (abandoned()) {
                        Thread current = thread;
                        if (current != null) {
                            session.screen().mute(current);
                        }
                        session.console().warn("msg.interrupted.abandoned", name);
                        lastExitCode = CommandRunner.INTERRUPTED;
                        return Result.FAILED;
                    }
                } catch (InterruptedException e) {
                    interrupt();
                    Thread.currentThread().interrupt();
                    return Result.FAILED;
                } catch (ExecutionException e) {
                    lastExitCode = runner.report(e.getCause());
                    return Result.FAILED;
                }
            }
        }
    }

    /**
     * Runs one complete input on the calling thread and returns its exit code: for a command that
     * runs others (the instructor's {@code demo}), which already holds the worker thread.
     */
    public int runLine(String source) {
        try {
            check(source);
        } catch (UserException e) {
            session.console().error(e);
            return CommandRunner.USER_ERROR;
        }
        Kind kind = classify(source);
        if (kind == Kind.EMPTY) {
            return CommandRunner.OK;
        }
        lastExitCode = CommandRunner.OK;
        Result result = run(kind, source);
        return result == Result.FAILED && lastExitCode == 0 ? CommandRunner.USER_ERROR : lastExitCode;
    }

    /** Ctrl-C: stops the running snippet or command (twice: stops waiting for it). */
    public void interrupt() {
        Run current = running;
        if (current != null) {
            current.interrupt();
        }
    }

    private Result run(Kind kind, String source) {
        Console console = session.console();
        try {
            switch (kind) {
                case COMMAND:
                    int code = runner.run(LineSplitter.split(source.strip()));
                    lastExitCode = code;
                    if (session.exitRequested()) {
                        return Result.EXIT;
                    }
                    return code == 0 ? Result.OK : Result.FAILED;
                case META:
                    new MetaCommands(java, console, Path.of("")).run(source);
                    return Result.OK;
                case CREDENTIALS:
                    console.error("err.line.credentials");
                    return Result.FAILED;
                case TYPO:
                    lastExitCode = unknownCommand(source.strip().split("\\s+")[0]);
                    return Result.FAILED;
                default:
                    boolean ok = new JavaRunner(java, console).run(source);
                    lastExitCode = ok ? 0 : 1;
                    return ok ? Result.OK : Result.FAILED;
            }
        } catch (RuntimeException e) {
            lastExitCode = runner.report(e);
            return Result.FAILED;
        }
    }

    /** The exit code of the last command (1 for failed Java), for scripts and one-shot runs. */
    public int lastExitCode() {
        return lastExitCode;
    }

    /** Refuses what no command or snippet should receive: huge lines and control characters. */
    static void check(String source) {
        if (source.length() > MAX_LINE) {
            throw new UserException("err.line.toolong", source.length(), MAX_LINE);
        }
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new UserException("err.line.control", String.format("U+%04X", (int) c), i + 1);
            }
        }
    }

    /**
     * Before a run without a prompt on AWS (one-shot, script, piped), where the calls go and what
     * they may cost: the banner and prompt say it in the shell. Not before a command that says it
     * itself.
     */
    public void sayTargetBeforeRun(List<String> words) {
        if (session.target().kind() == Target.Kind.AWS
                && (words.isEmpty() || !SAYS_ITS_TARGET.contains(words.get(0)))) {
            TargetStatus.sayBeforeRun(session);
        }
    }

    /**
     * Runs a whole command given as words (one-shot mode), without the line classification: a
     * word that is no command gets the same suggestion as at the prompt.
     */
    public int runWords(List<String> words) {
        int code = runner.commands().byName().containsKey(words.get(0)) ? runner.run(words) : unknownCommand(words.get(0));
        lastExitCode = code;
        return code;
    }

    /** Says that {@code word} is no command, suggesting the closest one; returns the usage exit code. */
    private int unknownCommand(String word) {
        Optional<String> closest = runner.commands().closest(word);
        if (closest.isPresent()) {
            session.console().error("err.command.unknown.suggest", word, closest.get());
        } else {
            session.console().error("err.command.unknown", word);
        }
        return CommandRunner.USAGE;
    }
}
