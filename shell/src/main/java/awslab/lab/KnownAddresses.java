package awslab.lab;

import awslab.state.Format;
import awslab.state.SharedFile;
import awslab.state.StateFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The last public IP the shell saw for each instance, kept in the state directory: a stopped
 * instance has none, so {@code start} needs this to show the old address beside the new one.
 * Merged under the file's lock: two shells remember their instances without losing either.
 *
 * <pre>
 * KnownAddresses known = new KnownAddresses(files, stateDir);
 * known.remember("i-0abc", "54.1.2.3");
 * known.last("i-0abc"); // Optional[54.1.2.3]
 * </pre>
 */
public final class KnownAddresses {
    private final SharedFile<Properties> file;

    public KnownAddresses(StateFiles files, Path stateDir) {
        this.file = files.shared(stateDir.resolve("lab").resolve("public-ips.properties"), Format.properties("knownAddresses"));
    }

    public Optional<String> last(String instanceId) {
        return Optional.ofNullable(file.read().getProperty(instanceId));
    }

    /** Remembers {@code ip} for the instance; does nothing for a missing address. */
    public void remember(String instanceId, String ip) {
        if (ip == null || ip.isBlank()) {
            return;
        }
        file.update(known -> {
            known.setProperty(instanceId, ip);
            return known;
        });
    }
}
