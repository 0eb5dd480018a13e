package awslab.lesson;

import awslab.ui.LineWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the small Markdown of lessons for a terminal: headings, bold and italics, inline
 * code (highlighted), fenced code blocks, lists, blockquotes (the 🧙‍♂️ notes) and links (their
 * text, then the address in parentheses). With colours off (tests, {@code NO_COLOR}, scripts)
 * the output is plain text that still reads well: inline code keeps its backticks.
 *
 * <pre>
 * MarkdownRenderer renderer = new MarkdownRenderer(MarkdownRenderer.colours());
 * out.println(renderer.render("&gt; 🧙‍♂️ **sudo** runs `apt` as root"));
 * </pre>
 */
public final class MarkdownRenderer {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String ITALIC = "\u001b[3m";
    static final String CODE = "\u001b[36m";
    static final String HEADING = "\u001b[1;4m";
    static final String QUOTE = "\u001b[33m";
    static final String BLOCK = "\u001b[2m";

    private static final Pattern INLINE = Pattern.compile(
            "`([^`]+)`" // inline code
                    + "|!\\[([^\\]]*)\\]\\(([^)]+)\\)" // image
                    + "|\\[([^\\]]+)\\]\\(([^)]+)\\)" // link
                    + "|\\*\\*(.+?)\\*\\*" // bold
                    + "|(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![\\w*])" // italics
                    + "|(?<!\\w)_(?!\\s)(.+?)(?<!\\s)_(?!\\w)");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)([-*+]|\\d+\\.)\\s+(.*)$");

    private final boolean ansi;
    private final int width;

    /** Lines as long as their paragraphs (the terminal wraps them). */
    public MarkdownRenderer(boolean ansi) {
        this(ansi, 0);
    }

    /** Paragraphs, list items and quotes wrapped at {@code width} columns (0: never), with a hanging indent. */
    public MarkdownRenderer(boolean ansi, int width) {
        this.ansi = ansi;
        this.width = width;
    }

    /** Whether colours suit this process: off when {@code NO_COLOR} is set (see no-color.org). */
    public static boolean colours() {
        String noColor = System.getenv("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }

    public String render(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                out.add(style(BLOCK, "    " + line.stripTrailing()));
            } else {
                out.add(renderLine(line));
            }
        }
        return String.join("\n", out).stripTrailing();
    }

    private String renderLine(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
            String text = inline(trimmed.replaceFirst("^#+\\s*", ""));
            return ansi ? HEADING + text + RESET : text + "\n" + "─".repeat(Math.max(3, text.codePointCount(0, text.length())));
        }
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        if (trimmed.startsWith(">")) {
            String text = trimmed.replaceFirst("^>\\s?", "");
            return wrap(indent + (ansi ? QUOTE + "  ┃ " + RESET : "  | "), inline(text));
        }
        Matcher item = LIST_ITEM.matcher(line);
        if (item.matches()) {
            String marker = item.group(2).endsWith(".") ? item.group(2) : "•";
            return wrap(item.group(1) + "  " + marker + " ", inline(item.group(3)));
        }
        return wrap(indent, inline(trimmed));
    }

    /** {@code prefix} then {@code text}, cut at spaces to fit the width; later lines indented under the text. */
    private String wrap(String prefix, String text) {
        if (width <= 0) {
            return prefix + text;
        }
        String hanging = prefix.contains("┃") || prefix.contains("|") ? prefix : " ".repeat(LineWrapper.width(prefix));
        return String.join("\n", LineWrapper.wrap(prefix, text, hanging, width));
    }

    /** Inline code highlighted, as in a step's "type this" line. */
    public String code(String text) {
        return ansi ? BOLD + CODE + text + RESET : "`" + text + "`";
    }

    private String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = ansi ? style(CODE, m.group(1)) : "`" + m.group(1) + "`";
            } else if (m.group(3) != null) {
                replacement = m.group(2).isEmpty() ? "(" + m.group(3) + ")" : m.group(2) + " (" + m.group(3) + ")";
            } else if (m.group(5) != null) {
                replacement = m.group(4).equals(m.group(5)) ? m.group(5) : inline(m.group(4)) + " (" + m.group(5) + ")";
            } else if (m.group(6) != null) {
                replacement = style(BOLD, inline(m.group(6)));
            } else {
                String italic = m.group(7) != null ? m.group(7) : m.group(8);
                replacement = style(ITALIC, inline(italic));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String style(String code, String text) {
        return ansi ? code + text + RESET : text;
    }
}
