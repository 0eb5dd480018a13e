package awslab.ui;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.jline.reader.LineReader;

/**
 * Everything the shell prints goes through here, on its way to the terminal:
 * <ul>
 * <li>each line is wrapped at word boundaries to the terminal's width ({@link LineWrapper});</li>
 * <li>what a thread prints after the shell gave up waiting for it (Ctrl-C twice, or a command
 *     that would not stop) is dropped: it would land in the middle of the next command;</li>
 * <li>a line from background work ({@link #announce}: the sandbox starting, a file found damaged)
 *     goes above the prompt while the line editor shows one, and never into the middle of a
 *     line a command is printing: it waits until that line ends.</li>
 * </ul>
 *
 * <pre>
 * ScreenWriter screen = new ScreenWriter(terminalWriter, terminal::getWidth);
 * PrintWriter out = new PrintWriter(screen, true);
 * screen.prompt(lineReader);             // the REPL's line editor
 * screen.announce("Sandbox ready…");     // from any thread
 * </pre>
 */
public final class ScreenWriter extends Writer {
    private final Writer target;
    private volatile IntSupplier width;
    private final Set<Thread> muted = ConcurrentHashMap.newKeySet();
    private final StringBuilder line = new StringBuilder();
    private final List<String> held = new ArrayList<>();
    /** Columns of the current line already written to the terminal (a prompt, a partial line flushed). */
    private int column;
    private LineReader prompt;
    private boolean busy;

    /** @param width the terminal's width now, 0 when unknown (nothing is wrapped: pipes, files, tests) */
    public ScreenWriter(Writer target, IntSupplier width) {
        super(target);
        this.target = target;
        this.width = width;
    }

    /** From now on, lines are wrapped to {@code newWidth} (the REPL's terminal, once it exists). */
    public void width(IntSupplier newWidth) {
        this.width = newWidth;
    }

    /** The width lines are wrapped to now, 0 when they are not. */
    public int width() {
        return width.getAsInt();
    }

    /** Drops whatever {@code thread} prints from now on, until {@link #unmute}. */
    public void mute(Thread thread) {
        muted.add(thread);
    }

    public void unmute(Thread thread) {
        muted.remove(thread);
    }

    /** The REPL's line editor: background lines go above its prompt. */
    public void prompt(LineReader reader) {
        synchronized (lock) {
            this.prompt = reader;
        }
    }

    /**
     * Whether a command runs (its output owns the screen) or the REPL is between commands (the
     * line editor does). When a command ends, what background work said meanwhile is shown.
     */
    public void busy(boolean running) {
        synchronized (lock) {
            busy = running;
            column = 0; // the prompt that comes next starts its own line
            if (!running) {
                held.forEach(this::show);
                held.clear();
            }
        }
    }

    /**
     * Prints {@code text} (whole lines) from background work: above the prompt while the line
     * editor shows one; while a command runs, after it, just above the next prompt (never into
     * what the command prints); with no line editor (one-shot runs, scripts), as soon as the
     * screen is at the start of a line.
     */
    public void announce(String text) {
        String lines = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        synchronized (lock) {
            boolean atLineStart = line.length() == 0 && column == 0;
            if (prompt != null ? prompt.isReading() || !busy : atLineStart) {
                show(lines);
            } else {
                held.add(lines);
            }
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (muted.contains(Thread.currentThread())) {
            return;
        }
        synchronized (lock) {
            boolean ended = false;
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    endLine();
                    ended = true;
                } else if (c != '\r') {
                    line.append(c);
                }
            }
            if (ended) {
                target.flush(); // whole lines are shown at once, whoever printed them and however
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (muted.contains(Thread.currentThread())) {
            return;
        }
        synchronized (lock) {
            // A line that does not end yet (a question before its answer): shown as it is.
            if (line.length() > 0) {
                target.write(line.toString());
                column += LineWrapper.width(line.toString());
                line.setLength(0);
            }
            if (prompt == null && column == 0) {
                held.forEach(this::show); // a one-shot run ends: say what background work said
                held.clear();
            }
            target.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void endLine() throws IOException {
        String text = line.toString();
        line.setLength(0);
        for (String part : wrapped(text, column)) {
            target.write(part);
            target.write(System.lineSeparator());
        }
        column = 0;
        if (prompt == null) {
            held.forEach(this::show);
            held.clear();
        }
    }

    /** The line cut to the width; as it is if cutting it fails: printing must never fail. */
    private List<String> wrapped(String text, int startColumn) {
        try {
            return LineWrapper.wrap(text, width.getAsInt(), startColumn);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(text);
        }
    }

    /**
     * Through the line editor while it shows a prompt or the REPL is between commands (its lock
     * orders this with the next prompt), else straight to the terminal.
     */
    private void show(String text) {
        List<String> wrapped = new ArrayList<>();
        for (String part : text.split("\n", -1)) {
            wrapped.addAll(wrapped(part, 0));
        }
        if (prompt != null && (prompt.isReading() || !busy)) {
            prompt.printAbove(String.join("\n", wrapped));
            return;
        }
        try {
            for (String part : wrapped) {
                target.write(part);
                target.write(System.lineSeparator());
            }
            target.flush();
        } catch (IOException e) {
            // The terminal is gone: nothing left to tell anyone.
        }
    }
}
