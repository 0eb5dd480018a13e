package awslab.cli;

import java.util.Map;
import java.util.function.IntConsumer;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader, made safe for a shell that anyone can paste anything into:
 * <ul>
 * <li>the line is redrawn only when no more input is waiting: JLine redraws the whole buffer
 *     after every key, so typing (or pasting without bracketed paste) a long line was
 *     quadratic — 40 KB took two minutes;</li>
 * <li>a line cannot grow past {@code maxLength}: what would make it longer is refused at once
 *     ({@code tooLong} says so) rather than after minutes of typing;</li>
 * <li>Ctrl-X Ctrl-E (edit in {@code $EDITOR}) is off: the editor it opened ignored Ctrl-C and the
 *     student was stuck in it; Ctrl-\ does nothing (it used to print a dump of the JVM's threads).</li>
 * </ul>
 *
 * <pre>
 * LineReader reader = new ShellLineReader(terminal, Map.of(), Interpreter.MAX_LINE, length -&gt; warn(length));
 * </pre>
 */
final class ShellLineReader extends LineReaderImpl {
    private final int maxLength;
    private final IntConsumer tooLong;
    private boolean told;
    /** Whether this line's prompt has been drawn: that first drawing is never put off. */
    private boolean drawn;
    /** Whether a redraw was put off while keys waited. */
    private boolean putOff;
    /** Whether the key being handled inserts itself (typing, or a paste that is not bracketed). */
    private boolean inserting;
    /** The thread reading the line: only it may look at the input waiting (see {@link #redisplay}). */
    private volatile Thread reading;

    ShellLineReader(Terminal terminal, Map<String, Object> variables, int maxLength, IntConsumer tooLong) {
        super(terminal, "awslab", variables);
        this.maxLength = maxLength;
        this.tooLong = tooLong;
        // Ctrl-\ reaches the reader as a key (the REPL turns the terminal's quit signal off): nothing to do.
        for (KeyMap<Binding> keys : getKeyMaps().values()) {
            keys.bind(new Reference(REDISPLAY), KeyMap.ctrl('\\'));
        }
    }

    @Override
    public String readLine(String prompt, String rightPrompt, MaskingCallback maskingCallback, String buffer) {
        told = false;
        drawn = false;
        putOff = false;
        reading = Thread.currentThread();
        try {
            return super.readLine(prompt, rightPrompt, maskingCallback, buffer);
        } finally {
            reading = null;
        }
    }

    /**
     * Put off while more keys wait. Only the reading thread peeks at them: {@code printAbove}
     * redraws from other threads (the account, the sandbox's notes), and a peek there, racing
     * the reader's own read, lost a key typed at that moment.
     */
    @Override
    protected void redisplay(boolean flush) {
        boolean typed = inserting;
        inserting = false;
        // Only typed (or pasted) characters are put off: after any other key (Tab, a completion
        // menu, Ctrl-U) JLine did not always redraw again, and the line stayed as the menu left it.
        if (typed && drawn && state == State.NORMAL && Thread.currentThread() == reading && inputWaiting()) {
            putOff = true; // the next key redraws, or the reader before it waits for one
            return;
        }
        drawn = true;
        putOff = false;
        super.redisplay(flush);
    }

    /**
     * Before waiting for a key, draws what was put off: not every key ends with a redraw (one
     * that ends a completion menu is pushed back and read again), and the line stayed as the
     * menu had left it.
     */
    @Override
    protected <T> T doReadBinding(KeyMap<T> keys, KeyMap<T> local) {
        if (putOff && Thread.currentThread() == reading && !inputWaiting()) {
            redisplay(true);
        }
        return super.doReadBinding(keys, local);
    }

    /**
     * Keys the terminal has delivered and the reader not read yet. Not the keys JLine pushed back
     * itself (a key that ends a completion menu is pushed back, then read at once): putting off
     * the redraw for those left the line as the menu had drawn it.
     */
    private boolean inputWaiting() {
        try {
            return getTerminal().reader().peek(1) >= 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    protected boolean selfInsert() {
        inserting = true;
        return fits(getLastBinding().length() * count) && super.selfInsert();
    }

    @Override
    public boolean beginPaste() {
        String pasted = doReadStringUntil(BRACKETED_PASTE_END);
        if (!fits(pasted.length())) {
            return false;
        }
        regionActive = RegionType.PASTE;
        regionMark = buf.cursor();
        buf.write(pasted.replace('\r', '\n'));
        return true;
    }

    /** Whether {@code more} characters fit in the line; says so once per line when they do not. */
    private boolean fits(int more) {
        if (buf.length() + more <= maxLength) {
            return true;
        }
        if (!told) {
            told = true;
            tooLong.accept(buf.length() + more);
        }
        return false;
    }

    @Override
    protected boolean editAndExecute() {
        return false;
    }
}
