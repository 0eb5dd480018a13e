package awslab.cli;

import awslab.state.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The history file, minus what must not be kept: lines holding AWS credentials (a credentials
 * block pasted at the prompt by mistake, on one line or many: {@link SecretText}) and lines too
 * long to be worth recalling. The prompt's masking callback keeps them out already; this is the
 * last gate before the file.
 */
final class SafeHistory extends DefaultHistory {
    static final int MAX_KEPT = 4_000;
    private static final System.Logger LOG = System.getLogger("awslab.history");

    /**
     * Makes the history file ready before JLine opens it: readable by its owner only (created so
     * when absent), and without the credentials an older version may have kept.
     */
    static void prepare(Path file) {
        try {
            if (!Files.exists(file)) {
                StateFiles.write(file, "", StateFiles.Access.OWNER_ONLY);
                return;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> kept = lines.stream().filter(line -> !SecretText.contains(line)).toList();
            if (kept.size() < lines.size()) {
                StateFiles.write(file, String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"), StateFiles.Access.OWNER_ONLY);
            } else {
                StateFiles.ownerOnly(file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not prepare the history file " + file, e);
        }
    }

    @Override
    public void add(Instant time, String line) {
        if (line.length() > MAX_KEPT || SecretText.contains(line)) {
            return;
        }
        super.add(time, line);
    }
}
