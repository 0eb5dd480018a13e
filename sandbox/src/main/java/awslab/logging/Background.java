package awslab.logging;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Work done beside the user's: each task on a named daemon thread of its own, whose uncaught
 * failure reaches the log. Never the JDK's common pool: it has a single thread on a two-core
 * machine, so one task blocked there (the REPL in a test, a student's snippet) starves every
 * other, and on JDK 25 the shell's clients then never got built.
 */
public final class Background {
    private static final System.Logger LOG = System.getLogger("awslab.background");

    private Background() {}

    /** Starts {@code task} now on a daemon thread called {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = threads(name).newThread(task);
        thread.start();
        return thread;
    }

    /** An executor that runs each task on a new daemon thread called {@code name}. */
    public static Executor executor(String name) {
        return task -> start(name, task);
    }

    /** Daemon threads called {@code name}, for executors that keep their threads. */
    public static ThreadFactory threads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((dead, failure) ->
                    LOG.log(System.Logger.Level.WARNING, dead.getName() + " failed", failure));
            return thread;
        };
    }
}
