package awslab.cli;

import awslab.api.LineSplitter;
import awslab.api.UserException;
import awslab.jshell.JavaRunner;
import awslab.jshell.JavaShell;
import awslab.jshell.MetaCommands;
import awslab.ui.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final ShellSession session;
    private final CommandRunner runner;
    private final JavaShell java;
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "awslab-run");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Future<?> running;
    private volatile int lastExitCode;
    private volatile boolean runningJava;

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

    /** Runs one complete input on a worker thread (so that Ctrl-C can stop it) and waits. */
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
        runningJava = kind == Kind.JAVA;
        Future<Result> future = worker.submit(() -> run(kind, source));
        running = future;
        try {
            return future.get();
        } catch (CancellationException e) {
            session.console().warn("msg.interrupted");
            return Result.FAILED;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Result.FAILED;
        } catch (ExecutionException e) {
            runner.report(e.getCause());
            return Result.FAILED;
        } finally {
            running = null;
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

    /** Ctrl-C: stops the running snippet, or abandons the running command. */
    public void interrupt() {
        Future<?> current = running;
        if (current == null) {
            return;
        }
        if (runningJava) {
            java.stop();
        } else {
            current.cancel(true);
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
                    String word = source.strip().split("\\s+")[0];
                    Optional<String> closest = runner.commands().closest(word);
                    if (closest.isPresent()) {
                        console.error("err.command.unknown.suggest", word, closest.get());
                    } else {
                        console.error("err.command.unknown", word);
                    }
                    lastExitCode = CommandRunner.USAGE;
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

    /** Runs a whole command given as words (one-shot mode), without the line classification. */
    public int runWords(List<String> words) {
        int code = runner.run(words);
        lastExitCode = code;
        return code;
    }
}
