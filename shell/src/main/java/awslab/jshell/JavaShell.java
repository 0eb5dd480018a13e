package awslab.jshell;

import awslab.api.AwsClients;
import awslab.api.UserException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * The embedded JShell, as the shell uses it: started in the background (its first evaluation is
 * slow), never waiting for the SDK clients to start (its {@code ec2}, {@code elb}… are bound
 * when ready), and never able to end or freeze the shell — a snippet's exits are refused
 * ({@link SnippetRewriter}), its streams cannot be closed, Ctrl-C stops it, and one that still
 * does not stop is abandoned for a fresh session ({@link Outcome#ABANDONED}).
 *
 * <pre>
 * JavaShell java = JavaShell.lazy(printStream, session::warmClients);
 * if (java.completeness(line) == JavaShell.Completeness.INCOMPLETE) { read more }
 * JavaShell.Evaluation result = java.eval(line);
 * </pre>
 */
public final class JavaShell implements AutoCloseable {
    /** Whether a source is ready to run. */
    public enum Completeness { EMPTY, COMPLETE, INCOMPLETE }

    /** How an evaluation ended: ran (whatever it threw), stopped by Ctrl-C, or abandoned with its session. */
    public enum Outcome { DONE, STOPPED, ABANDONED }

    /** What evaluating one snippet gave. */
    public record Evaluation(List<SnippetEvent> events, Outcome outcome) {}

    /** How long a user waits at most for JShell's start before the shell gives up on it. */
    static final long START_TIMEOUT_SECONDS = 60;
    /** How long a stopped snippet has to end before its session is abandoned. */
    static final long STOP_GRACE_MILLIS = 3_000;
    /** The completion index is warmed after the first result, not in its way. */
    static final long WARM_COMPLETION_DELAY_MILLIS = 2_000;

    private static final Pattern CLIENT_NAME = Pattern.compile("\\b(" + String.join("|", Startup.CLIENT_NAMES) + ")\\b");
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final PrintStream snippetOut;
    private final PrintStream internalOut = JShellLog.stream();
    private final Supplier<CompletableFuture<AwsClients>> clients;
    private final Bindings bindings = Bindings.open();
    private final int release;
    private final AtomicReference<String> notice = new AtomicReference<>();
    private final PrintStream systemOut = System.out;
    private final PrintStream systemErr = System.err;
    private final InputStream systemIn = System.in;
    private volatile JavaSession session;
    private volatile int stops;
    /** Whoever waits for JShell's start or the clients, so that Ctrl-C can end the wait. */
    private volatile Thread waiting;

    private JavaShell(PrintStream snippetOut, Supplier<CompletableFuture<AwsClients>> clients, int release) {
        this.snippetOut = snippetOut;
        this.clients = clients;
        this.release = release;
    }

    /**
     * A JShell started only when first needed (one-shot commands rarely need it); its snippets'
     * {@code ec2}, {@code elb}… are those {@code clients} gives (the current target's, built
     * once; null when it has none).
     */
    public static JavaShell lazy(PrintStream snippetOut, Supplier<CompletableFuture<AwsClients>> clients) {
        return new JavaShell(snippetOut, clients, compileRelease(Runtime.version().feature(), SnippetRewriter.newestRelease()));
    }

    /** As {@link #lazy}, compiling snippets for {@code release} (tests: what a newer JDK gets). */
    static JavaShell lazy(PrintStream snippetOut, Supplier<CompletableFuture<AwsClients>> clients, int release) {
        return new JavaShell(snippetOut, clients, release);
    }

    /**
     * The {@code --release} to compile snippets for, 0 for the running JDK's own: a JDK newer than
     * the rewriter knows gets the newest it knows, so snippets stay guarded.
     */
    static int compileRelease(int running, int newestKnown) {
        return running > newestKnown ? newestKnown : 0;
    }

    /** Starts the session now, on its own thread (the REPL calls it as it starts). */
    public void startInBackground() {
        session();
    }

    private synchronized JavaSession session() {
        if (session == null) {
            session = JavaSession.start(new JavaSession.Config(snippetOut, internalOut, bindings, this::unguarded, release),
                    "awslab-java-" + SESSIONS.incrementAndGet());
            session.ready().thenRun(this::warmCompletionLater);
        }
        return session;
    }

    private void unguarded(String reason) {
        notice.set(reason);
    }

    /** Why the last snippets ran without the exit and stop guards, once (null: they did not). */
    public String takeUnguardedNotice() {
        return notice.getAndSet(null);
    }

    /**
     * Declares the client variables and warms completion in the background, after the first
     * result rather than before it (a snippet that names a client declares them at once).
     */
    private void warmCompletionLater() {
        JavaSession warming = session;
        CompletableFuture.delayedExecutor(WARM_COMPLETION_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (warming == session) {
                try {
                    warming.submit(() -> {
                        warming.bind(readyOrNull(clients.get()), true);
                        return warming.jshell().sourceCodeAnalysis().completionSuggestions("ec2.describeIn", 14, new int[1]);
                    });
                } catch (RuntimeException e) {
                    // The session was abandoned meanwhile: nothing to warm.
                }
            }
        });
    }

    /** After an answer, the client variables are declared in the background if they are not yet. */
    private void declareClientsLater(JavaSession current) {
        try {
            current.submit(() -> {
                current.bind(readyOrNull(clients.get()), true);
                return null;
            });
        } catch (RuntimeException e) {
            // The session was abandoned meanwhile.
        }
    }

    /** Waits until JShell has started (or failed to), {@code millis} at most; whether it is ready. */
    public boolean awaitReady(long millis) throws InterruptedException {
        try {
            session().ready().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        return true;
    }

    public boolean isReady() {
        JavaSession current = session;
        return current != null && current.ready().isDone() && !current.ready().isCompletedExceptionally();
    }

    /** Runs {@code work} with the JShell on its session's thread, waiting for the start if needed. */
    <T> T call(Function<JShell, T> work) {
        JavaSession current = session();
        awaitStart(current);
        try {
            return submit(current, () -> work.apply(current.jshell())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(e, "err.interrupted");
        } catch (ExecutionException e) {
            throw JShellLog.explain(e.getCause());
        }
    }

    /**
     * As {@link #call}, for work that runs the user's code (a variable's {@code toString}): Ctrl-C
     * abandons it if it does not end.
     */
    <T> T callStoppable(Function<JShell, T> work) {
        JavaSession current = session();
        awaitStart(current);
        T result = await(current, submit(current, () -> work.apply(current.jshell())));
        if (result == null && current != session) {
            throw new UserException("msg.java.abandoned");
        }
        return result;
    }

    /** A new input starts (a line of Java, a meta command): Ctrl-C from now on stops it. */
    public void beginInput() {
        JavaSession current = session();
        current.execution().beginInput();
        stops = 0;
    }

    private static <T> Future<T> submit(JavaSession current, java.util.concurrent.Callable<T> work) {
        try {
            return current.submit(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new UserException(e, "err.java.unavailable");
        }
    }

    private void awaitStart(JavaSession current) {
        waiting = Thread.currentThread();
        try {
            current.ready().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(e, "err.interrupted");
        } catch (ExecutionException | TimeoutException e) {
            JShellLog.failed(e);
            throw new UserException(e, "err.java.unavailable");
        } finally {
            waiting = null;
        }
    }

    /** Whether {@code source} is complete Java (JShell's own analysis), so the REPL knows to read more. */
    public Completeness completeness(String source) {
        if (source.isBlank()) {
            return Completeness.EMPTY;
        }
        return call(jshell -> {
            SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
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
        });
    }

    /** Splits {@code source} into snippets as JShell does; an unfinished tail stays one piece. */
    public List<String> snippets(String source) {
        return call(jshell -> {
            SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
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
        });
    }

    /**
     * Evaluates one snippet of the current input ({@link #beginInput}) on the session's thread.
     * The client variables are bound first when the clients are ready — or awaited, when the
     * snippet names one of them.
     */
    public Evaluation eval(String snippet) {
        JavaSession current = session();
        awaitStart(current);
        CompletableFuture<AwsClients> wanted = clients.get();
        if (!wanted.isDone() && CLIENT_NAME.matcher(snippet).find()) {
            awaitClients(wanted);
        }
        AwsClients ready = readyOrNull(wanted);
        boolean namesClients = CLIENT_NAME.matcher(snippet).find();
        List<SnippetEvent> events = await(current, submit(current, () -> {
            current.bind(ready, namesClients);
            List<SnippetEvent> answer = current.jshell().eval(snippet);
            if (lacksSymbol(current.jshell(), answer) && current.importModel()) {
                answer = current.jshell().eval(snippet); // an SDK class, asked for before its import came in
            }
            return answer;
        }));
        declareClientsLater(current);
        if (events == null) {
            return new Evaluation(List.of(), Outcome.ABANDONED);
        }
        return new Evaluation(events, current.execution().stopRequested() ? Outcome.STOPPED : Outcome.DONE);
    }

    /** Whether the snippet was refused, or declared unfinished, for a name the compiler could not find. */
    private static boolean lacksSymbol(JShell jshell, List<SnippetEvent> events) {
        return events.stream().anyMatch(event -> event.status() == Snippet.Status.REJECTED
                && jshell.diagnostics(event.snippet()).anyMatch(JavaShell::unknownName)
                || event.snippet() instanceof jdk.jshell.DeclarationSnippet declaration
                && jshell.unresolvedDependencies(declaration).findAny().isPresent());
    }

    /** A name javac does not know: "cannot find symbol", or "package X does not exist" for {@code X.Y}. */
    static boolean unknownName(jdk.jshell.Diag diag) {
        return diag.getCode().contains("cant.resolve") || diag.getCode().contains("doesnt.exist");
    }

    /** Imports everything the startup imports, the EC2 model included (for {@code /imports}). */
    void importAll() {
        JavaSession current = session();
        awaitStart(current);
        call(jshell -> current.importModel());
    }

    /**
     * Waits for work on the session's thread; null when it would not stop after Ctrl-C (a second
     * Ctrl-C, or the grace time) and its session was abandoned for a fresh one.
     */
    private <T> T await(JavaSession current, Future<T> running) {
        long stoppedAt = 0;
        while (true) {
            try {
                return running.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (current.execution().stopRequested()) {
                    stoppedAt = stoppedAt == 0 ? System.nanoTime() : stoppedAt;
                    if (stops > 1 || System.nanoTime() - stoppedAt > TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS)) {
                        abandon(current);
                        return null;
                    }
                }
            } catch (InterruptedException e) {
                stop();
            } catch (ExecutionException e) {
                throw JShellLog.explain(e.getCause());
            }
        }
    }

    /** Sets aside a session whose snippet does not stop, and starts a fresh one. */
    private synchronized void abandon(JavaSession stuck) {
        stuck.abandon();
        restoreSystemStreams();
        if (session == stuck) {
            session = null;
            session();
        }
    }

    private void restoreSystemStreams() {
        System.setOut(systemOut);
        System.setErr(systemErr);
        System.setIn(systemIn);
    }

    private void awaitClients(CompletableFuture<AwsClients> wanted) {
        waiting = Thread.currentThread();
        try {
            wanted.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(e, "err.interrupted");
        } catch (ExecutionException | TimeoutException e) {
            // No clients: the snippet runs with null ones, and is told so if it uses them.
        } finally {
            waiting = null;
        }
    }

    private static AwsClients readyOrNull(CompletableFuture<AwsClients> future) {
        return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    /** The exception the last failing snippet threw, if any. */
    public Throwable takeLastThrown() {
        JavaSession current = session;
        return current == null ? null : current.execution().takeLastThrown();
    }

    /** JShell's completion suggestions at {@code cursor}; {@code anchor[0]} gets where they start. */
    public List<Suggestion> complete(String source, int cursor, int[] anchor) {
        JavaSession current = session();
        try {
            current.ready().get(5, TimeUnit.SECONDS);
            return current.submit(() -> {
                current.bind(readyOrNull(clients.get()), true); // Tab before the first answer: ec2 and the others declared
                SourceCodeAnalysis analysis = current.jshell().sourceCodeAnalysis();
                List<Suggestion> found = analysis.completionSuggestions(source, cursor, anchor);
                if (found.isEmpty() && current.importModel()) {
                    found = analysis.completionSuggestions(source, cursor, anchor); // an EC2 model class?
                }
                return found;
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return List.of();
        }
    }

    /** Stops the running snippet (Ctrl-C); a second one in a row abandons it if it still runs. */
    public void stop() {
        JavaSession current = session;
        if (current != null && isReady()) {
            stops++;
            current.jshell().stop();
        }
        Thread waiter = waiting;
        if (waiter != null) {
            waiter.interrupt();
        }
    }

    /** Binds the client variables again once the new target's clients are ready (after {@code connect}). */
    public void rebind() {
        JavaSession current = session;
        if (current != null && isReady()) {
            CompletableFuture<AwsClients> wanted = clients.get();
            wanted.thenAccept(built -> current.submit(() -> {
                current.bind(built, false);
                return null;
            }));
        }
    }

    /** Whether the user declared a variable, method or type of this name (false while JShell starts). */
    public boolean declares(String name) {
        if (!isReady()) {
            return false;
        }
        return call(jshell -> jshell.variables().anyMatch(v -> v.name().equals(name))
                || jshell.methods().anyMatch(m -> m.name().equals(name))
                || jshell.types().anyMatch(t -> t.name().equals(name)));
    }

    /** The active snippets the user typed (not the startup ones). */
    public List<Snippet> userSnippets() {
        JavaSession current = session();
        return call(jshell -> jshell.snippets()
                .filter(s -> !current.isStartup(s.id()))
                .filter(s -> jshell.status(s).isActive())
                .toList());
    }

    /** The clients its snippets see. */
    public Bindings bindings() {
        return bindings;
    }

    @Override
    public void close() {
        JavaSession current = session;
        if (current != null) {
            current.close();
        }
        bindings.close();
    }
}
