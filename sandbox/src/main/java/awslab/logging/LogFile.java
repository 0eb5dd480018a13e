package awslab.logging;

import awslab.state.StateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A log file with a size cap: {@code NAME.log} grows to {@code limit} bytes, then becomes
 * {@code NAME.log.1} (the older ones shift, the oldest goes), so the logs never hold more than
 * {@code limit × (keep + 1)} bytes. Owner-only: a log may name the user's resources. Opened in
 * append mode, so two shells writing the same file interleave whole lines.
 *
 * <p>Why not {@link java.util.logging.FileHandler}: its rotation numbers the current file too
 * ({@code awslab.log.0}) and renames it per process when two shells run; a student told "see
 * logs/awslab.log" should find exactly that file.
 *
 * <pre>
 * Handler file = new LogFile(stateDir.resolve("logs/awslab.log"), 1 &lt;&lt; 20, 2, new LineFormat());
 * </pre>
 */
final class LogFile extends Handler {
    private final Path file;
    private final long limit;
    private final int keep;
    private OutputStream out;
    private long size;

    LogFile(Path file, long limit, int keep, java.util.logging.Formatter format) {
        this.file = file;
        this.limit = limit;
        this.keep = keep;
        setFormatter(format);
        try {
            Files.createDirectories(file.getParent());
            StateFiles.ownerOnly(file.getParent());
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record) || out == null) {
            return;
        }
        try {
            byte[] line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
            if (size + line.length > limit && size > 0) {
                rotate();
            }
            out.write(line);
            out.flush();
            size += line.length;
        } catch (IOException | RuntimeException e) {
            reportError("cannot write " + file, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void open() throws IOException {
        boolean created = Files.notExists(file);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (created) {
            StateFiles.ownerOnly(file);
        }
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        for (int n = keep; n >= 1; n--) {
            Path older = n == 1 ? file : file.resolveSibling(file.getFileName() + "." + (n - 1));
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + n), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        open();
    }

    @Override
    public synchronized void flush() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("cannot flush " + file, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            reportError("cannot close " + file, e, ErrorManager.CLOSE_FAILURE);
        } finally {
            out = null;
        }
    }
}
