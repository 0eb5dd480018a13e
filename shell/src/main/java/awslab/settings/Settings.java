package awslab.settings;

import awslab.state.Format;
import awslab.state.SharedFile;
import awslab.state.StateFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's choices that outlive a session (language, connected profile, region, explain
 * mode), in {@code settings.properties} of the state directory. A change is merged into the
 * file as it is on disk at that moment (under its lock), so two shells open at once lose no
 * choice: one sets the language, the other the explain mode, both stay.
 *
 * <pre>
 * Settings settings = Settings.load(files, stateDir);
 * settings.set(Settings.LANGUAGE, "fr");
 * </pre>
 */
public final class Settings {
    public static final String LANGUAGE = "language";
    /** The profile chosen with {@code connect} ({@code awslab} for pasted credentials). */
    public static final String PROFILE = "profile";
    public static final String REGION = "region";
    public static final String EXPLAIN = "explain";
    /** The sandbox's port, saved by {@code sandbox start --port} (the variable {@code AWSLAB_SANDBOX_PORT} wins). */
    public static final String SANDBOX_PORT = "sandbox.port";
    /** How long the sandbox waits unused before it stops, saved by {@code sandbox start --idle} ({@code AWSLAB_SANDBOX_IDLE} wins). */
    public static final String SANDBOX_IDLE = "sandbox.idle";
    public static final String FILE = "settings.properties";

    private final SharedFile<Properties> file;
    private volatile Properties snapshot;

    private Settings(SharedFile<Properties> file) {
        this.file = file;
        this.snapshot = file.read();
    }

    /** Reads the settings (a damaged file is set aside and reported through {@code files}: defaults then). */
    public static Settings load(StateFiles files, Path stateDir) {
        return new Settings(files.shared(stateDir.resolve(FILE), Format.properties("settings")));
    }

    /** The value this shell knows (read at start, or set since). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(snapshot.getProperty(key)).filter(v -> !v.isBlank());
    }

    /** Sets (or, with {@code null}, removes) a value and saves at once, keeping what other shells saved. */
    public synchronized void set(String key, String value) {
        snapshot = file.update(properties -> {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.setProperty(key, value);
            }
            return properties;
        });
    }
}
