package awslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;

/**
 * Cuts one line of text to a terminal's width at word boundaries, by display width: colour
 * escapes take no room, accents one column, emoji and CJK two. What continues a line is indented
 * under its text (after the leading spaces and a bullet such as {@code •}, {@code ▶}, {@code ✔}),
 * and a number is never left at a line's end without what follows it ({@code 0,16 $/h},
 * {@code 8 Go}, {@code 12 s}). Only spaces break a line: a non-breaking space never does, and a
 * word longer than the width is left whole for the terminal to fold.
 *
 * <pre>
 * LineWrapper.wrap("  • Groupe de sécurité awslab-web créé : HTTP autorisé depuis partout", 40);
 * // ["  • Groupe de sécurité awslab-web créé :",
 * //  "    HTTP autorisé depuis partout"]
 * </pre>
 */
public final class LineWrapper {
    /** A marker at the start of a line after which continuation lines are indented. */
    private static final Pattern BULLET = Pattern.compile("^([•▶✔✘✖⚠↷☐…*-]|\\d+\\.|\\|) ");
    /** A number, maybe signed, in brackets or priced, with its decimal and grouping marks: it keeps what follows. */
    private static final Pattern NUMBER = Pattern.compile("[(\\[]?[+~−-]?[$€]?\\d[\\d.,\u00a0\u202f]*%?");
    /** Punctuation French writes after a space, which must not start a line: {@code : ; ! ? »}, dashes. */
    private static final Pattern CLOSING = Pattern.compile("[:;!?»—–-]+[.,]?|-[.,]?");
    /** Narrower than this, wrapping does more harm than good. */
    static final int MIN_WIDTH = 20;

    private LineWrapper() {}

    /** The columns {@code text} takes on a terminal, escape sequences excluded. */
    public static int width(String text) {
        return AttributedString.fromAnsi(text).columnLength();
    }

    /** {@code line} (no line break in it) as lines of at most {@code width} columns where words allow. */
    public static List<String> wrap(String line, int width) {
        return wrap(line, width, 0);
    }

    /**
     * As {@link #wrap(String, int)}, for a line whose first part starts at column
     * {@code startColumn} (text already on the screen's current line).
     */
    public static List<String> wrap(String line, int width, int startColumn) {
        if (width < MIN_WIDTH || startColumn + width(line) <= width) {
            return List.of(line);
        }
        int spaces = leadingWhitespace(line);
        return wrap(line.substring(0, spaces), line.substring(spaces), hangingIndent(line, width), width, startColumn);
    }

    /**
     * {@code prefix} then {@code text} cut at spaces to fit {@code width} columns, each further
     * line starting with {@code hanging} (a quote's bar, or spaces under the text).
     */
    public static List<String> wrap(String prefix, String text, String hanging, int width) {
        return wrap(prefix, text, hanging, width, 0);
    }

    private static List<String> wrap(String prefix, String text, String hanging, int width, int startColumn) {
        if (width < MIN_WIDTH) {
            return List.of(prefix + text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder(prefix);
        int column = startColumn + width(prefix);
        boolean empty = true;
        for (String word : words(text)) {
            List<String> pieces = pieces(word, width - width(hanging));
            for (int p = 0; p < pieces.size(); p++) {
                String piece = pieces.get(p);
                boolean glued = p > 0; // the rest of a word cut at its punctuation: no space before it
                int pieceWidth = width(piece);
                if (!empty && column + (glued ? 0 : 1) + pieceWidth > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(hanging);
                    column = width(hanging);
                    empty = true;
                }
                if (!empty && !glued) {
                    current.append(' ');
                    column++;
                }
                current.append(piece);
                column += pieceWidth;
                empty = false;
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /**
     * A word too long for any line (code in a lesson: a chain of Java calls, a long CLI argument),
     * cut where code reads well cut: before the {@code .} of a call that follows a call, after a
     * comma. Anything else too long (an address) stays whole, for the terminal to fold.
     */
    private static List<String> pieces(String word, int room) {
        if (width(word) <= room || room < MIN_WIDTH / 2) {
            return List.of(word);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int lastCut = -1;
        for (int i = 1; i < word.length(); i++) {
            boolean cut = word.charAt(i) == '.' && word.charAt(i - 1) == ')' || word.charAt(i - 1) == ',';
            if (cut) {
                if (width(word.substring(start, i)) > room && lastCut > start) {
                    pieces.add(word.substring(start, lastCut));
                    start = lastCut;
                }
                lastCut = i;
            }
        }
        if (width(word.substring(start)) > room && lastCut > start) {
            pieces.add(word.substring(start, lastCut));
            start = lastCut;
        }
        pieces.add(word.substring(start));
        return pieces;
    }

    /**
     * The words of {@code text} split at spaces; a number and an opening « kept with the word
     * after them, French punctuation that follows a space ( : ; ! ? » and dashes) with the word
     * before it: none of them ever starts or ends a line alone.
     */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String pending = null;
        for (String word : text.split(" ", -1)) {
            if (word.isEmpty()) {
                // Two spaces in a row (columns of a status line): keep them as they were.
                pending = pending == null ? "" : pending + " ";
                continue;
            }
            String joined = pending == null ? word : pending + " " + word;
            String plain = AttributedString.stripAnsi(word);
            if (pending == null && !words.isEmpty() && CLOSING.matcher(plain).matches()) {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + word);
            } else if (NUMBER.matcher(plain).matches() || plain.equals("«")) {
                pending = joined;
            } else {
                words.add(joined);
                pending = null;
            }
        }
        if (pending != null && !pending.isEmpty()) {
            words.add(pending);
        }
        return words;
    }

    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * Where the text after a first column starts (help, tables, status lines: text, then two
     * spaces or more, then the rest), or 0 when there is none. A plain scan: lines can be long.
     */
    private static int firstColumnEnd(String line, int from) {
        int gap = line.indexOf("  ", from);
        if (gap <= from) {
            return 0;
        }
        int end = gap;
        while (end < line.length() && line.charAt(end) == ' ') {
            end++;
        }
        return end < line.length() ? end : 0;
    }

    /**
     * The indent of continuation lines: under the text after a bullet, or after a first column
     * (if it takes less than half the width), else the line's own indent.
     */
    static String hangingIndent(String line, int width) {
        int spaces = leadingWhitespace(line);
        String plain = AttributedString.stripAnsi(line);
        var bullet = BULLET.matcher(plain.substring(Math.min(spaces, plain.length())));
        if (bullet.find()) {
            String marker = bullet.group();
            return " ".repeat(spaces) + (marker.startsWith("|") ? marker : " ".repeat(width(marker)));
        }
        int column = firstColumnEnd(plain, spaces);
        if (column > 0 && width(plain.substring(0, column)) <= width / 2) {
            return " ".repeat(width(plain.substring(0, column)));
        }
        return " ".repeat(spaces);
    }
}
