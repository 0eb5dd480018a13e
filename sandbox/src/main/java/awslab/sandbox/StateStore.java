package awslab.sandbox;

import awslab.state.Format;
import awslab.state.StateFiles;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The sandbox's resources between runs: {@code stateDir/sandbox/state.json}, through the one
 * state store: replaced atomically and forced to disk, owner-only, so a crash never leaves half
 * a file; a damaged file is set aside (and the user told) rather than silently becoming an empty
 * account. The sandbox saves after every change, before it answers the call that made it, so a
 * {@code kill -9} loses nothing a client was told had happened.
 *
 * <pre>
 * StateStore store = new StateStore(file);
 * CloudState state = store.load(files);           // a fresh account when absent (or set aside)
 * store.saveIfChanged(() -&gt; StateStore.render(state));
 * </pre>
 */
final class StateStore {
    private static final Format<CloudState> FORMAT = Format.json("sandbox", CloudState.class, CloudState::new);

    private final Path file;
    private final Object writing = new Object();
    /** What the file holds now, as far as this process knows: a save that would write the same is skipped. */
    private String written;

    StateStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    CloudState load(StateFiles files) {
        CloudState state = files.read(file, FORMAT);
        synchronized (writing) {
            written = FORMAT.render(state);
        }
        return state;
    }

    /** The state as the file holds it; call with the cloud's lock held. */
    static String render(CloudState state) {
        return FORMAT.render(state);
    }

    /**
     * Writes the state rendered now, when it differs from what was last written. Saves are
     * serialised, each rendering afresh, so an older rendering never replaces a newer one.
     * {@code render} takes the cloud's lock: never call this while holding it.
     */
    void saveIfChanged(Supplier<String> render) {
        synchronized (writing) {
            String json = render.get();
            if (json.equals(written)) {
                return;
            }
            StateFiles.write(file, json, StateFiles.Access.OWNER_ONLY);
            written = json;
        }
    }
}
