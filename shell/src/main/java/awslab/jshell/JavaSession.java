package awslab.jshell;

import awslab.api.AwsClients;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * One JShell and the one thread that works it. Everything this JShell does (start, eval,
 * analysis, completion) runs on that thread, whose stack is large: javac recurses once per
 * operator, and a long expression ({@code 1+1+…}, thousands of terms) would overflow a normal
 * stack. A session whose snippet never stops is abandoned, thread and all, and a new one made.
 *
 * <pre>
 * JavaSession session = JavaSession.start(config);      // starts on its own thread
 * session.call(() -&gt; session.jshell().eval("1 + 1")).get();
 * </pre>
 */
final class JavaSession {
    /**
     * javac needs about 1.5 KiB of stack per operator of a long expression: room for
     * {@link JavaLimits}' worst case, twice over. The pages are taken only when used.
     */
    static final long STACK_BYTES = 16L << 20;

    /**
     * What a session is made of: where snippets print, where JShell and its compiler speak of
     * themselves (the log), the bindings snippets read, whom to tell that snippets run unguarded,
     * the {@code --release} to compile for (0: the running JDK's).
     */
    record Config(PrintStream snippetOut, PrintStream internalOut, Bindings bindings, Consumer<String> onUnguarded,
            int release) {}

    private final ExecutorService thread;
    private final SnippetExecution execution;
    private final Set<String> startupIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Bindings bindings;
    private final CompletableFuture<JShell> ready = new CompletableFuture<>();
    private volatile AwsClients bound;
    private volatile boolean declared;
    private volatile boolean sdkImported;
    private volatile boolean modelImported;

    private final PrintStream internalOut;

    private JavaSession(Config config, String name) {
        this.bindings = config.bindings();
        this.internalOut = config.internalOut();
        this.execution = new SnippetExecution(config.snippetOut(), config.onUnguarded());
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(null, task, name, STACK_BYTES);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Starts a session: JShell is built, and the startup snippets run, on the session's thread. */
    static JavaSession start(Config config, String name) {
        JavaSession session = new JavaSession(config, name);
        session.submit(() -> {
            session.build(config);
            return null;
        });
        return session;
    }

    private void build(Config config) {
        try {
            JShell.Builder builder = JShell.builder()
                    .executionEngine(execution, java.util.Map.of())
                    .fileManager(UnindexedFileManager::new)
                    .out(config.internalOut())
                    .err(config.internalOut());
            if (config.release() > 0) {
                builder.compilerOptions("--release", Integer.toString(config.release()));
            }
            JShell jshell = builder.build();
            evalStartup(jshell, Startup.javaImports());
            ready.complete(jshell);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
        }
    }

    CompletableFuture<JShell> ready() {
        return ready;
    }

    /** The JShell, once started (callers wait on {@link #ready()} first). */
    JShell jshell() {
        return ready.join();
    }

    SnippetExecution execution() {
        return execution;
    }

    boolean isStartup(String snippetId) {
        return startupIds.contains(snippetId);
    }

    /**
     * Runs {@code work} on the session's thread, with {@code System.err} pointing at the log: the
     * compiler prints its crash reports there (snippets print to the screen: see
     * {@link SnippetExecution}).
     */
    <T> Future<T> submit(Callable<T> work) {
        return thread.submit(() -> {
            PrintStream err = System.err;
            System.setErr(internalOut);
            try {
                return work.call();
            } finally {
                System.setErr(err);
            }
        });
    }

    private void evalStartup(JShell jshell, String source) {
        for (SnippetEvent event : jshell.eval(source)) {
            startupIds.add(event.snippet().id());
        }
    }

    /** Imports the SDK's clients and chosen classes, if not yet (on the session's thread); whether it did now. */
    boolean importSdk() {
        if (sdkImported) {
            return false;
        }
        evalStartup(jshell(), Startup.sdkImports());
        sdkImported = true;
        return true;
    }

    /** Imports the SDK's classes and the whole EC2 model, if not yet (on the session's thread); whether it did now. */
    boolean importModel() {
        boolean sdk = importSdk();
        if (modelImported) {
            return sdk;
        }
        evalStartup(jshell(), Startup.MODEL_IMPORT);
        modelImported = true;
        return true;
    }

    /**
     * Gives the snippets' client variables {@code clients} (null: none), declaring them first
     * (and importing the SDK) when {@code declare} and they are not yet; runs on the session's
     * thread, before the user's snippet (or in the background).
     */
    void bind(AwsClients clients, boolean declare) {
        if (!declared && declare) {
            importSdk();
            bindings.set(clients);
            Startup.variables(bindings.key()).forEach(source -> evalStartup(jshell(), source));
            declared = true;
            bound = clients;
        } else if (declared && clients != bound) {
            bindings.set(clients);
            evalStartup(jshell(), Startup.rebind(bindings.key()));
            bound = clients;
        }
    }

    /** The session's thread is left to its fate (a snippet that never stops); later work is refused. */
    void abandon() {
        thread.shutdown();
    }

    void close() {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            thread.execute(() -> ready.join().close());
        }
        thread.shutdown();
    }
}
