package awslab.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a line, for completion only: words split at spaces, the line itself kept
 * exactly as typed (JLine's default parser would treat Java's quotes, braces and backslashes as
 * shell syntax). It never asks JLine for more lines: the REPL decides that with JShell's own
 * completeness analysis.
 */
final class ShellParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean end = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (!end && start < 0) {
                start = i;
            }
            if (end && start >= 0) {
                if (cursor >= start && cursor <= i) {
                    wordIndex = words.size();
                    wordCursor = cursor - start;
                }
                words.add(line.substring(start, i));
                start = -1;
            }
        }
        if (wordIndex < 0) {
            // The cursor is on a space: completing a new, empty word.
            int before = 0;
            for (int i = 0; i < cursor && i < line.length(); i++) {
                if (!Character.isWhitespace(line.charAt(i)) && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))) {
                    before++;
                }
            }
            wordIndex = before;
            words.add(before, "");
            wordCursor = 0;
        }
        return new Parsed(line, cursor, words, wordIndex, wordCursor);
    }

    private record Parsed(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Candidates are inserted as they are: no shell quoting of Java. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
