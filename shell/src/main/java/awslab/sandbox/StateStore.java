package awslab.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sandbox's resources between runs: {@code stateDir/sandbox/state.json}, written atomically
 * (a temporary file moved into place) so a crash never leaves half a file.
 *
 * <pre>
 * CloudState state = StateStore.load(file);   // a fresh account when absent or unreadable
 * StateStore.save(file, state);
 * </pre>
 */
final class StateStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StateStore() {}

    static CloudState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new CloudState();
        }
        try {
            CloudState state = GSON.fromJson(Files.readString(file), CloudState.class);
            return state == null ? new CloudState() : state;
        } catch (IOException | JsonParseException e) {
            return new CloudState(); // an unreadable state is a reset, not a crash
        }
    }

    static void save(Path file, CloudState state) {
        String json;
        synchronized (state) {
            json = GSON.toJson(state);
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, json);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
