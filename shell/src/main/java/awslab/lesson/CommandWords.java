package awslab.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a shell user expects: spaces separate, single or
 * double quotes group. Enough for lesson steps, which never need escapes.
 *
 * <pre>
 * CommandWords.split("launch --name \"ma première instance\"") // [launch, --name, ma première instance]
 * </pre>
 */
public final class CommandWords {
    private CommandWords() {}

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
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
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
