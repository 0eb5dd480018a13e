package awslab.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The user's state directory: settings, history, the credentials pasted with {@code connect},
 * lesson progress, keys. {@code AWSLAB_HOME} or {@code -Dawslab.home} win; otherwise the
 * platform's usual place.
 *
 * <pre>
 * Path dir = StateDir.locate(System.getenv(), System.getProperties()::getProperty);
 * </pre>
 */
public final class StateDir {
    private StateDir() {}

    /**
     * Finds (and creates) the state directory, readable by its owner only: it holds credentials,
     * keys, and what the sandbox runs. One the user made for us ({@code AWSLAB_HOME}) is
     * restricted too: awslab's state is in it.
     */
    public static Path locate(Map<String, String> env, java.util.function.Function<String, String> properties) {
        Path dir = choose(env, properties);
        try {
            Files.createDirectories(dir);
            StateFiles.ownerOnly(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }

    static Path choose(Map<String, String> env, java.util.function.Function<String, String> properties) {
        String explicit = properties.apply("awslab.home");
        if (isSet(explicit)) {
            return Path.of(explicit);
        }
        if (isSet(env.get("AWSLAB_HOME"))) {
            return Path.of(env.get("AWSLAB_HOME"));
        }
        String home = properties.apply("user.home");
        String os = String.valueOf(properties.apply("os.name")).toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return isSet(local) ? Path.of(local, "awslab") : Path.of(home, "AppData", "Local", "awslab");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "awslab");
        }
        String xdg = env.get("XDG_STATE_HOME");
        return isSet(xdg) ? Path.of(xdg, "awslab") : Path.of(home, ".local", "state", "awslab");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
