package awslab.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The last public IP the shell saw for each instance, kept in the state directory: a stopped
 * instance has none, so {@code start} needs this to show the old address beside the new one.
 *
 * <pre>
 * KnownAddresses known = new KnownAddresses(stateDir);
 * known.remember("i-0abc", "54.1.2.3");
 * known.last("i-0abc"); // Optional[54.1.2.3]
 * </pre>
 */
public final class KnownAddresses {
    private final Path file;

    public KnownAddresses(Path stateDir) {
        this.file = stateDir.resolve("lab").resolve("public-ips.properties");
    }

    public synchronized Optional<String> last(String instanceId) {
        return Optional.ofNullable(read().getProperty(instanceId));
    }

    /** Remembers {@code ip} for the instance; does nothing for a missing address. */
    public synchronized void remember(String instanceId, String ip) {
        if (ip == null || ip.isBlank()) {
            return;
        }
        Properties known = read();
        known.setProperty(instanceId, ip);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "public-ips", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                known.store(out, null);
            }
            // Written whole then moved: a second shell never reads half a file.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties read() {
        Properties known = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                known.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return known;
    }
}
