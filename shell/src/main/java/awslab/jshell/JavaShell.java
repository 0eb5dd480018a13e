package awslab.jshell;

import awslab.api.AwsClients;
import java.util.function.Supplier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * The embedded JShell: built and warmed up in the background (its first evaluation and first
 * completion are slow), then evaluating the user's Java in the shell's own JVM.
 *
 * <pre>
 * JavaShell java = JavaShell.startInBackground(printStream);
 * if (java.completeness(line) == JavaShell.Completeness.INCOMPLETE) { read more }
 * List&lt;SnippetEvent&gt; events = java.eval(line);
 * </pre>
 */
public final class JavaShell implements AutoCloseable {
    /** Whether a source is ready to run. */
    public enum Completeness { EMPTY, COMPLETE, INCOMPLETE }

    /** How long a user waits at most for JShell's start before the shell gives up on it. */
    static final long START_TIMEOUT_SECONDS = 60;

    private final SnippetExecution execution = new SnippetExecution();
    private final CompletableFuture<JShell> ready;
    private final PrintStream snippetOut;
    private final Set<String> startupIds = new HashSet<>();

    private final Bindings bindings;

    private JavaShell(PrintStream snippetOut, Supplier<AwsClients> clients) {
        this.snippetOut = snippetOut;
        this.ready = new CompletableFuture<>();
        this.bindings = Bindings.open(clients);
    }

    /**
     * A JShell started only when first needed (one-shot commands rarely need it); its snippets'
     * {@code ec2}, {@code elb}… are {@code clients}' (null when there are none).
     */
    public static JavaShell lazy(PrintStream snippetOut, Supplier<AwsClients> clients) {
        JavaShell shell = new JavaShell(snippetOut, clients);
        shell.lazy = true;
        return shell;
    }

    /** The clients its snippets see. */
    public Bindings bindings() {
        return bindings;
    }

    private volatile boolean lazy;

    /** Starts JShell on a background thread; {@code snippetOut} receives what snippets print. */
    public static JavaShell startInBackground(PrintStream snippetOut, Supplier<AwsClients> clients) {
        JavaShell shell = lazy(snippetOut, clients);
        shell.startInBackground();
        return shell;
    }

    /** Starts a lazy JShell now, on a background thread (the REPL calls it once its prompt shows). */
    public void startInBackground() {
        Thread starter = new Thread(() -> jshellOrNull(), "awslab-jshell-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void jshellOrNull() {
        try {
            jshell();
        } catch (RuntimeException e) {
            // Reported when the user first runs Java.
        }
    }

    private void start() {
        try {
            JShell jshell = JShell.builder()
                    .executionEngine(execution, java.util.Map.of())
                    .out(snippetOut)
                    .err(snippetOut)
                    .build();
            for (String source : Stream.concat(Startup.IMPORTS.stream(), Startup.variables(bindings.key()).stream()).toList()) {
                for (SnippetEvent event : jshell.eval(source)) {
                    startupIds.add(event.snippet().id());
                }
            }
            ready.complete(jshell);
            // Warm the compiler and the completion index now, not at the user's first Tab.
            jshell.sourceCodeAnalysis().completionSuggestions("ec2.describeIn", 14, new int[1]);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
        }
    }

    /** The JShell, waiting for its start if needed. */
    JShell jshell() {
        synchronized (this) {
            if (lazy) {
                lazy = false;
                start();
            }
        }
        try {
            return ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new awslab.api.UserException("err.interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new awslab.api.UserException(e, "err.java.unavailable");
        }
    }

    public boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Whether {@code source} is complete Java (JShell's own analysis), so the REPL knows to read more. */
    public Completeness completeness(String source) {
        if (source.isBlank()) {
            return Completeness.EMPTY;
        }
        SourceCodeAnalysis analysis = jshell().sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.INCOMPLETE;
                case EMPTY:
                    return Completeness.COMPLETE;
                default:
                    remaining = info.remaining();
            }
        }
        return Completeness.COMPLETE;
    }

    /** Splits {@code source} into snippets as JShell does; an unfinished tail stays one piece. */
    public List<String> snippets(String source) {
        SourceCodeAnalysis analysis = jshell().sourceCodeAnalysis();
        List<String> pieces = new ArrayList<>();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                pieces.add(remaining);
                break;
            }
            pieces.add(info.source());
            remaining = info.remaining();
        }
        return pieces;
    }

    /**
     * Evaluates one snippet with {@code System.out} and {@code System.err} pointing at the shell's
     * output for the duration (snippets run in this JVM).
     */
    public List<SnippetEvent> eval(String snippet) {
        JShell jshell = jshell();
        stopped = false;
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(snippetOut);
        System.setErr(snippetOut);
        try {
            return jshell.eval(snippet);
        } finally {
            snippetOut.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The exception the last failing snippet threw, if any. */
    public Throwable takeLastThrown() {
        return execution.takeLastThrown();
    }

    /** JShell's completion suggestions at {@code cursor}; {@code anchor[0]} gets where they start. */
    public List<Suggestion> complete(String source, int cursor, int[] anchor) {
        if (!isReady()) {
            try {
                ready.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return List.of();
            }
        }
        return jshell().sourceCodeAnalysis().completionSuggestions(source, cursor, anchor);
    }

    private volatile boolean stopped;

    /** Whether the last evaluation was stopped by {@link #stop()} (JShell's events do not say). */
    public boolean wasStopped() {
        return stopped;
    }

    /** Stops the running snippet (Ctrl-C). */
    public void stop() {
        if (isReady()) {
            stopped = true;
            jshell().stop();
        }
    }

    /** Reads the clients again from {@link Bindings} after the target changed. */
    public void rebind() {
        if (ready.isDone() && isReady()) {
            Startup.rebind(bindings.key()).forEach(this::eval);
        }
    }

    /** The active snippets the user typed (not the startup ones). */
    public List<Snippet> userSnippets() {
        JShell jshell = jshell();
        return jshell.snippets()
                .filter(s -> !startupIds.contains(s.id()))
                .filter(s -> jshell.status(s).isActive())
                .toList();
    }

    public JShell api() {
        return jshell();
    }

    @Override
    public void close() {
        if (isReady()) {
            jshell().close();
        }
        bindings.close();
    }
}
