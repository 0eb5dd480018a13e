package awslab.ui;

import awslab.api.UserException;
import awslab.i18n.Messages;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Where the shell speaks to the user: translated messages by key, in colour on a terminal
 * (none when the output is not a terminal or {@code NO_COLOR} is set).
 *
 * <pre>
 * console.info("msg.connect.done", account, region);
 * console.error(new UserException("err.aws.throttled", "Throttling"));
 * </pre>
 */
public final class Console {
    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private final PrintWriter out;
    private final Supplier<Messages> messages;
    private final boolean colour;

    public Console(PrintWriter out, Supplier<Messages> messages, boolean colour) {
        this.out = out;
        this.messages = messages;
        this.colour = colour;
    }

    /** Colours only for a real terminal, and never when the user set {@code NO_COLOR}. */
    public static boolean colourWanted(boolean terminal, String noColor) {
        return terminal && (noColor == null || noColor.isEmpty());
    }

    public PrintWriter out() {
        return out;
    }

    public Messages messages() {
        return messages.get();
    }

    public String text(String key, Object... args) {
        return messages.get().get(key, args);
    }

    public void info(String key, Object... args) {
        println(text(key, args));
    }

    public void success(String key, Object... args) {
        println(paint(GREEN, text(key, args)));
    }

    public void warn(String key, Object... args) {
        println(warning(key, args));
    }

    /** A warning's text, coloured, for printing elsewhere (above the prompt). */
    public String warning(String key, Object... args) {
        return paint(YELLOW, text(key, args));
    }

    public void error(String key, Object... args) {
        println(paint(RED, text(key, args)));
    }

    public void error(UserException e) {
        error(e.key(), e.args());
    }

    /** A dim line: progress, hints, the equivalent CLI/SDK calls. */
    public void dim(String text) {
        println(paint(DIM, text));
    }

    public String bold(String text) {
        return paint(BOLD, text);
    }

    public String accent(String text) {
        return paint(CYAN, text);
    }

    public void println(String text) {
        out.println(text);
        out.flush();
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
