package awslab.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line a record, then the cause's stack trace if any:
 * {@code 2026-11-30T15:40:03.123Z WARNING awslab.sandbox.Cloud [sandbox-worker] i-0abc: stop failed}.
 */
final class LineFormat extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(DateTimeFormatter.ISO_INSTANT.format(record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" [")
                .append(Thread.currentThread().getName()).append("] ")
                .append(formatMessage(record)).append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
