package awslab.ssh;

import awslab.api.UserException;
import awslab.state.Format;
import awslab.state.SharedFile;
import awslab.state.StateFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * The host keys of instances the user has connected to, trusted on first use, in
 * {@code <stateDir>/known_hosts}. An entry is keyed by instance id <em>and</em> address: on AWS
 * a public IP is handed to another instance after a stop/start, so a new key at a known address
 * is expected when the instance id is new (the stale entry is replaced and the user told), but
 * a new key for the <em>same</em> instance is refused: someone may be in the middle.
 *
 * <p>One line per instance: {@code instanceId host port keyType base64Key}.
 *
 * <pre>
 * HostKeys keys = HostKeys.in(files, stateDir);
 * HostKeys.Check check = keys.check("i-0abc", "3.90.1.2", 22, serverKey);
 * if (check.status() == HostKeys.Status.MISMATCH) { … refuse … }
 * </pre>
 */
public final class HostKeys {
    public static final String FILE_NAME = "known_hosts";

    /** What the file said about a key an instance presented. */
    public enum Status {
        /** Seen before for this instance. */
        KNOWN,
        /** First connection to this instance: stored now. */
        LEARNED,
        /** This instance presented another key before: refused, nothing stored. */
        MISMATCH
    }

    /**
     * @param fingerprint the presented key's {@code SHA256:…} fingerprint
     * @param knownFingerprint on a mismatch, the fingerprint remembered for the instance
     * @param previousInstance when learned at an address another instance had, that instance
     */
    public record Check(Status status, String fingerprint, String knownFingerprint, String previousInstance) {}

    private record Entry(String instanceId, String host, int port, String type, String key) {
        String line() {
            return String.join(" ", instanceId, host, String.valueOf(port), type, key);
        }
    }

    /** One entry a line; lines it cannot read (a hand edit) are skipped, never fatal. */
    private static final Format<List<Entry>> FORMAT = new Format<>() {
        @Override
        public String name() {
            return "knownHosts";
        }

        @Override
        public List<Entry> empty() {
            return new ArrayList<>();
        }

        @Override
        public List<Entry> parse(String text) {
            List<Entry> entries = new ArrayList<>();
            for (String line : text.split("\\R")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 5 && !parts[0].startsWith("#") && parts[2].matches("\\d{1,5}")) {
                    entries.add(new Entry(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3], parts[4]));
                }
            }
            return entries;
        }

        @Override
        public String render(List<Entry> entries) {
            StringBuilder text = new StringBuilder("# awslab: host keys of the instances you connected to (instance host port type key)\n");
            entries.forEach(e -> text.append(e.line()).append('\n'));
            return text.toString();
        }
    };

    private final SharedFile<List<Entry>> file;

    public HostKeys(StateFiles files, Path file) {
        this.file = files.shared(file, FORMAT);
    }

    public static HostKeys in(StateFiles files, Path stateDir) {
        return new HostKeys(files, stateDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file.file();
    }

    /** Checks {@code key} for the instance, remembering it when the instance is new. */
    public Check check(String instanceId, String host, int port, PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        String encoded = Base64.getEncoder().encodeToString(wire(key));
        String fingerprint = fingerprint(key);
        Check[] result = new Check[1];
        change(entries -> {
            for (Entry entry : entries) {
                if (entry.instanceId.equals(instanceId)) {
                    if (!entry.key.equals(encoded)) { // another key, or another key type: both are suspicious
                        result[0] = new Check(Status.MISMATCH, fingerprint, fingerprint(entry.key), null);
                        return entries;
                    }
                    result[0] = new Check(Status.KNOWN, fingerprint, fingerprint, null);
                    // The same instance at a new address (stop/start gives a new public IP): follow it.
                    return entry.host.equals(host) && entry.port == port
                            ? entries : replace(entries, instanceId, host, port, new Entry(instanceId, host, port, type, encoded));
                }
            }
            String previous = entries.stream()
                    .filter(e -> e.host.equals(host) && e.port == port && !e.instanceId.equals(instanceId))
                    .map(Entry::instanceId)
                    .findFirst()
                    .orElse(null);
            result[0] = new Check(Status.LEARNED, fingerprint, null, previous);
            return replace(entries, instanceId, host, port, new Entry(instanceId, host, port, type, encoded));
        });
        return result[0];
    }

    /** Forgets the keys of {@code instanceId} and of whatever instance had {@code host:port}; true when one was known. */
    public boolean forget(String instanceId, String host, int port) {
        boolean[] forgot = new boolean[1];
        change(entries -> {
            List<Entry> kept = new ArrayList<>(entries);
            kept.removeIf(e -> e.instanceId.equals(instanceId) || (e.host.equals(host) && e.port == port));
            forgot[0] = kept.size() != entries.size();
            return kept;
        });
        return forgot[0];
    }

    /** The fingerprint remembered for an instance, if any. */
    public Optional<String> knownFingerprint(String instanceId) {
        return read().stream().filter(e -> e.instanceId.equals(instanceId)).map(e -> fingerprint(e.key)).findFirst();
    }

    /** OpenSSH's fingerprint of a key: {@code SHA256:} and the unpadded Base64 of the digest of its wire form. */
    public static String fingerprint(PublicKey key) {
        return fingerprint(wire(key));
    }

    private static String fingerprint(String base64Key) {
        return fingerprint(Base64.getDecoder().decode(base64Key));
    }

    private static String fingerprint(byte[] wire) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] wire(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    private static List<Entry> replace(List<Entry> entries, String instanceId, String host, int port, Entry entry) {
        List<Entry> kept = new ArrayList<>(entries);
        kept.removeIf(e -> e.instanceId.equals(instanceId) || (e.host.equals(host) && e.port == port));
        kept.add(entry);
        return kept;
    }

    private List<Entry> read() {
        try {
            return file.read();
        } catch (UncheckedIOException e) {
            throw new UserException(e, "err.ssh.knownHosts.io", file.file(), e.getMessage());
        }
    }

    /** Read, change and write under the file's lock: two shells learning keys at once lose none. */
    private void change(UnaryOperator<List<Entry>> change) {
        try {
            file.update(change);
        } catch (UncheckedIOException e) {
            throw new UserException(e, "err.ssh.knownHosts.io", file.file(), e.getMessage());
        }
    }
}
