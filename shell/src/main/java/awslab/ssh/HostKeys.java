package awslab.ssh;

import awslab.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 * HostKeys keys = HostKeys.in(stateDir);
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

    private final Path file;

    public HostKeys(Path file) {
        this.file = file;
    }

    public static HostKeys in(Path stateDir) {
        return new HostKeys(stateDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Checks {@code key} for the instance, remembering it when the instance is new. */
    public synchronized Check check(String instanceId, String host, int port, PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        String encoded = Base64.getEncoder().encodeToString(wire(key));
        String fingerprint = fingerprint(key);
        List<Entry> entries = read();
        for (Entry entry : entries) {
            if (entry.instanceId.equals(instanceId)) {
                if (!entry.key.equals(encoded)) { // another key, or another key type: both are suspicious
                    return new Check(Status.MISMATCH, fingerprint, fingerprint(entry.key), null);
                }
                if (!entry.host.equals(host) || entry.port != port) {
                    // The same instance at a new address (stop/start gives a new public IP): follow it.
                    replace(entries, instanceId, host, port, new Entry(instanceId, host, port, type, encoded));
                }
                return new Check(Status.KNOWN, fingerprint, fingerprint, null);
            }
        }
        String previous = entries.stream()
                .filter(e -> e.host.equals(host) && e.port == port && !e.instanceId.equals(instanceId))
                .map(Entry::instanceId)
                .findFirst()
                .orElse(null);
        replace(entries, instanceId, host, port, new Entry(instanceId, host, port, type, encoded));
        return new Check(Status.LEARNED, fingerprint, null, previous);
    }

    /** Forgets the keys of {@code instanceId} and of whatever instance had {@code host:port}; true when one was known. */
    public synchronized boolean forget(String instanceId, String host, int port) {
        List<Entry> entries = read();
        List<Entry> kept = new ArrayList<>(entries);
        kept.removeIf(e -> e.instanceId.equals(instanceId) || (e.host.equals(host) && e.port == port));
        if (kept.size() == entries.size()) {
            return false;
        }
        write(kept);
        return true;
    }

    /** The fingerprint remembered for an instance, if any. */
    public synchronized Optional<String> knownFingerprint(String instanceId) {
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

    private void replace(List<Entry> entries, String instanceId, String host, int port, Entry entry) {
        List<Entry> kept = new ArrayList<>(entries);
        kept.removeIf(e -> e.instanceId.equals(instanceId) || (e.host.equals(host) && e.port == port));
        kept.add(entry);
        write(kept);
    }

    private List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 5 && !parts[0].startsWith("#") && parts[2].matches("\\d{1,5}")) {
                    entries.add(new Entry(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3], parts[4]));
                }
            }
        } catch (IOException e) {
            throw new UserException(e, "err.ssh.knownHosts.io", file, e.getMessage());
        }
        return entries;
    }

    /** Written to a temporary file then moved, so a crash never leaves half a file. */
    private void write(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("# awslab: host keys of the instances you connected to (instance host port type key)");
        entries.forEach(e -> lines.add(e.line()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException(e, "err.ssh.knownHosts.io", file, e.getMessage());
        }
    }
}
