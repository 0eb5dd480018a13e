package awslab.cli;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The history file, minus what must not be kept: lines holding AWS secrets (a credentials
 * block pasted at the prompt by mistake) and lines too long to be worth recalling.
 */
final class SafeHistory extends DefaultHistory {
    static final int MAX_KEPT = 4_000;
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(aws_secret_access_key|aws_session_token|aws_access_key_id|secretaccesskey|sessiontoken).*");

    @Override
    public void add(Instant time, String line) {
        if (line.length() > MAX_KEPT || SECRET.matcher(line).matches()) {
            return;
        }
        super.add(time, line);
    }
}
