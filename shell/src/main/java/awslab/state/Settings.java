package awslab.state;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's choices that outlive a session (language, connected profile, region, explain
 * mode), in {@code settings.properties} of the state directory, written atomically so that a
 * crash or a second shell never leaves half a file.
 *
 * <pre>
 * Settings settings = Settings.load(stateDir);
 * settings.set(Settings.LANGUAGE, "fr");
 * </pre>
 */
public final class Settings {
    public static final String LANGUAGE = "language";
    /** The profile chosen with {@code connect} ({@code awslab} for pasted credentials). */
    public static final String PROFILE = "profile";
    public static final String REGION = "region";
    public static final String EXPLAIN = "explain";

    private final Path file;
    private final Properties properties = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    public static Settings load(Path stateDir) {
        Settings settings = new Settings(stateDir.resolve("settings.properties"));
        if (Files.isRegularFile(settings.file)) {
            try (Reader in = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged settings file must not stop the shell: start from defaults.
                settings.properties.clear();
            }
        }
        return settings;
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(properties.getProperty(key)).filter(v -> !v.isBlank());
    }

    /** Sets (or, with {@code null}, removes) a value and saves at once. */
    public synchronized void set(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "settings", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(out, "awslab settings");
            }
            AtomicFiles.move(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
