package awslab.webapp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Text in: bodies must be UTF-8, and a path or query's percent-escapes must spell UTF-8 too.
 * Java's and Jetty's decoders would otherwise replace bad bytes silently (storing a mangled
 * task) or throw from deep inside Spark (a 500).
 */
final class Utf8 {
    private Utf8() {}

    /** The text of the first {@code length} bytes, or null when they are not UTF-8. */
    static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether every {@code %XX} of {@code raw} (a path or query as sent) is two hex digits, and
     * each run of them spells UTF-8 (a character's bytes are escaped together or not at all).
     */
    static boolean validEscapes(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true; // the usual case, at the cost of one scan
        }
        byte[] run = new byte[raw.length() / 3 + 1];
        int length = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i < raw.length() && raw.charAt(i) == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return false;
                }
                run[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (length > 0) {
                if (decode(run, length) == null) {
                    return false;
                }
                length = 0;
            }
        }
        return true;
    }
}
