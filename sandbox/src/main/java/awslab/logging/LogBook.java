package awslab.logging;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The logs of this process, once {@link Logs#start} set them up: where they are written, and
 * what went wrong in the background since the start (for {@code status}).
 *
 * <pre>
 * LogBook logs = Logs.start(stateDir, "awslab", debug, System.err);
 * logs.problems().ifPresent(p -&gt; …p.count()…p.since()…logs.file()…);
 * </pre>
 */
public final class LogBook {
    /** What went wrong in the background: how many records at WARNING or worse, since when. */
    public record Problems(int count, Instant since) {}

    /**
     * Counted: our own background parts (the sandbox's loops and transitions, the clients built
     * behind the prompt). Not counted: the REPL's records (the user saw them on screen) and
     * libraries' (their warnings are for their developers; what matters, our code logs).
     */
    static final String OURS = "awslab.";
    static final String FOREGROUND = "awslab.cli";

    private final Path file;
    private final Counter counter = new Counter();
    /** Held here: java.util.logging keeps loggers weakly, and their levels would go with them. */
    private final List<Logger> configured;

    LogBook(Path file, List<Logger> configured) {
        this.file = file;
        this.configured = List.copyOf(configured);
    }

    /**
     * A book that hears nothing: for a shell embedded in a test, which must not take over the
     * process's logging. It reports no problem.
     */
    public static LogBook detached(Path stateDir, String name) {
        return new LogBook(stateDir.resolve("logs").resolve(name + ".log"), List.of());
    }

    /** The current log file, e.g. {@code <state>/logs/awslab.log}. */
    public Path file() {
        return file;
    }

    /** Background failures since the start, if any. */
    public Optional<Problems> problems() {
        return counter.problems();
    }

    Handler counter() {
        return counter;
    }

    List<Logger> configured() {
        return configured;
    }

    private static final class Counter extends Handler {
        private int count;
        private Instant since;

        Counter() {
            setLevel(Level.WARNING);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (isLoggable(record) && logger.startsWith(OURS) && !logger.startsWith(FOREGROUND)) {
                count++;
                if (since == null) {
                    since = record.getInstant();
                }
            }
        }

        synchronized Optional<Problems> problems() {
            return count == 0 ? Optional.empty() : Optional.of(new Problems(count, since));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
