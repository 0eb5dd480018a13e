package awslab.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.MaskingCallback;

/**
 * Finds AWS credentials in text the user typed or pasted — the values of a Learner Lab block
 * ({@code aws_secret_access_key=…}), of {@code AWS_…} variables, of the JSON that {@code aws sts}
 * prints, and bare access key ids and long tokens — so that they are never shown, run or kept.
 * As JLine's {@link MaskingCallback}: the line on screen shows {@code *} in their place (same
 * length, so the cursor stays right) and a line that holds one never reaches the history.
 *
 * <pre>
 * SecretText.contains("aws_session_token = IQoJb3…")   // true
 * SecretText.MASK.display("aws_access_key_id=ASIA…")    // "aws_access_key_id=********************"
 * </pre>
 */
final class SecretText {
    /** A named value: the name, then {@code =}, {@code :} or spaces, then the value (group 1). */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)\"?(?:aws_)?(?:secret_access_key|session_token|security_token|access_key_id|secretaccesskey|sessiontoken"
                    + "|accesskeyid)\"?[ \\t]*[=:][ \\t]*\"?([^\\s\"',;]+)");
    /** An access key id: AKIA (long-term) or ASIA (temporary) and 16 more. */
    private static final Pattern KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
    /** A secret access key (40 characters of base64) or a session token (hundreds). */
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?:[A-Za-z0-9/+]{60,}=*)?(?![A-Za-z0-9/+=])");

    /** The masking callback for the prompt's line reader. */
    static final MaskingCallback MASK = new MaskingCallback() {
        @Override
        public String display(String line) {
            return mask(line);
        }

        @Override
        public String history(String line) {
            return contains(line) ? null : line;
        }
    };

    private SecretText() {}

    /** Whether {@code text} holds a credential value. */
    static boolean contains(String text) {
        return !mask(text).equals(text);
    }

    /** {@code text} with every credential value replaced by as many {@code *}. */
    static String mask(String text) {
        if (text.length() < 16) {
            return text;
        }
        char[] shown = text.toCharArray();
        Matcher named = NAMED.matcher(text);
        while (named.find()) {
            hide(shown, named.start(1), named.end(1));
        }
        Matcher keyId = KEY_ID.matcher(text);
        while (keyId.find()) {
            hide(shown, keyId.start(), keyId.end());
        }
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (looksRandom(token.group())) {
                hide(shown, token.start(), token.end());
            }
        }
        return new String(shown);
    }

    /**
     * A Java name, a word, or {@code 1+1+1…} is no secret: a secret key is random base64, and has
     * digits, capitals and small letters (all 40 characters lack one of them once in a thousand).
     */
    private static boolean looksRandom(String token) {
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (char c : token.toCharArray()) {
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return digit && upper && lower;
    }

    private static void hide(char[] shown, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(shown[i])) {
                shown[i] = '*';
            }
        }
    }
}
