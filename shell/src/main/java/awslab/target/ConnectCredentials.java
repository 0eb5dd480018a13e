package awslab.target;

import awslab.api.UserException;
import awslab.state.StateFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Learner Lab "AWS CLI" credentials block a student pastes into {@code connect}, parsed and
 * kept as profile {@value Targets#CONNECT_PROFILE} of an AWS credentials file readable by its
 * owner only. Also accepts {@code export AWS_ACCESS_KEY_ID=…} lines. Never printed.
 *
 * <pre>
 * ConnectCredentials creds = ConnectCredentials.parse(pastedText);
 * creds.save(targets.connectCredentialsFile());
 * </pre>
 */
public final class ConnectCredentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    private ConnectCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /** Parses a pasted block; throws a UserException saying what is missing. */
    public static ConnectCredentials parse(String block) {
        Map<String, String> values = new HashMap<>();
        for (String raw : block.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("[") || line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(line.substring(eq + 1).strip());
            values.put(key, value);
        }
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        String token = values.get("aws_session_token");
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new UserException("err.connect.block.incomplete");
        }
        return new ConnectCredentials(id, secret, token == null || token.isEmpty() ? null : token);
    }

    /** Writes the credentials file atomically, owner-only (600 where POSIX permissions exist). */
    public void save(Path file) {
        StringBuilder text = new StringBuilder()
                .append('[').append(Targets.CONNECT_PROFILE).append("]\n")
                .append("aws_access_key_id = ").append(accessKeyId).append('\n')
                .append("aws_secret_access_key = ").append(secretAccessKey).append('\n');
        if (sessionToken != null) {
            text.append("aws_session_token = ").append(sessionToken).append('\n');
        }
        StateFiles.write(file, text.toString(), StateFiles.Access.OWNER_ONLY);
    }

    /** The key id with its middle hidden, the most a screen ever shows: {@code ASIA…WXYZ}. */
    public String maskedKeyId() {
        return accessKeyId.length() <= 8 ? "…" : accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    public boolean hasSessionToken() {
        return sessionToken != null;
    }

    @Override
    public String toString() {
        return "ConnectCredentials[" + maskedKeyId() + "]";
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
