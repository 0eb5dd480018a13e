package awslab.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up the process's logs: {@code <state>/logs/NAME.log}, 1 MiB then rotated, three files at
 * most (so never more than 3 MiB), owner-only; with {@code --debug}, the same records and more
 * (FINE) on the debug stream too.
 *
 * <p>Why java.util.logging: it is in every JDK, so it costs the shell's jar nothing and its
 * start almost nothing (the prompt must show in well under half a second). Our code logs through
 * {@link System.Logger}, which the JDK sends here; Jetty, Spark and MINA SSHD log through slf4j,
 * which {@code slf4j-jdk14} sends here too. Libraries speak only at WARNING and above: their
 * INFO lines are for their own developers. Nothing logs credentials: only ids, states, reasons.
 *
 * <pre>
 * LogBook logs = Logs.start(stateDir, "awslab", debug, System.err);
 * System.getLogger("awslab.sandbox.Cloud").log(System.Logger.Level.WARNING, "i-0abc: stop failed", e);
 * </pre>
 */
public final class Logs {
    static final long FILE_LIMIT = 1 << 20;
    static final int OLD_FILES = 2;

    private Logs() {}

    /**
     * Replaces whatever the process logged to (the JDK's default prints INFO to the terminal)
     * with the log file, and the debug stream when {@code debug}. Safe to call again (tests run
     * the shell several times in one JVM): the previous handlers are closed.
     */
    public static LogBook start(Path stateDir, String name, boolean debug, OutputStream debugOut) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        LineFormat format = new LineFormat();
        LogFile file = new LogFile(stateDir.resolve("logs").resolve(name + ".log"), FILE_LIMIT, OLD_FILES, format);
        List<Logger> configured = new ArrayList<>();
        configured.add(level(root, Level.INFO));
        configured.add(level(Logger.getLogger("awslab"), debug ? Level.FINE : Level.INFO));
        for (String library : List.of("org.eclipse.jetty", "spark", "org.apache.sshd", "net.schmizz", "software.amazon", "org.jline")) {
            configured.add(level(Logger.getLogger(library), Level.WARNING));
        }
        LogBook book = new LogBook(file.file(), configured);
        file.setLevel(Level.ALL);
        root.addHandler(file);
        root.addHandler(book.counter());
        if (debug) {
            StreamHandler screen = new StreamHandler(new PrintStream(debugOut, true), format) {
                @Override
                public synchronized void publish(java.util.logging.LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };
            screen.setLevel(Level.FINE);
            root.addHandler(screen);
        }
        return book;
    }

    private static Logger level(Logger logger, Level level) {
        logger.setLevel(level);
        return logger;
    }
}
