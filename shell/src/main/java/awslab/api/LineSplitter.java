package awslab.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words: spaces separate, single or double quotes group, and a
 * backslash escapes only a quote inside double quotes (so Windows paths stay as typed).
 *
 * <pre>
 * LineSplitter.split("launch --name \"my web\"") // [launch, --name, my web]
 * </pre>
 */
public final class LineSplitter {
    private LineSplitter() {}

    /** The words of {@code line}; an unbalanced quote is a {@link UserException}. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    word.append('"');
                    i++;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserException("err.line.quote", String.valueOf(quote));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
