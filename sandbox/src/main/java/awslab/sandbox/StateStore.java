package awslab.sandbox;

import awslab.state.Format;
import awslab.state.StateFiles;
import java.nio.file.Path;

/**
 * The sandbox's resources between runs: {@code stateDir/sandbox/state.json}, through the one
 * state store: replaced atomically, so a crash never leaves half a file; a damaged file is set
 * aside (and the user told) rather than silently becoming an empty account.
 *
 * <pre>
 * CloudState state = StateStore.load(files, file);   // a fresh account when absent (or set aside)
 * StateStore.save(file, state);
 * </pre>
 */
final class StateStore {
    private static final Format<CloudState> FORMAT = Format.json("sandbox", CloudState.class, CloudState::new);

    private StateStore() {}

    static CloudState load(StateFiles files, Path file) {
        return files.read(file, FORMAT);
    }

    static void save(Path file, CloudState state) {
        String json;
        synchronized (state) {
            json = FORMAT.render(state);
        }
        StateFiles.write(file, json, StateFiles.Access.PLAIN);
    }
}
