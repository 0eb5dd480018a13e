package awslab.ssh;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to open an SSH session: which instance (its id keys the remembered host key), the
 * address {@link awslab.api.Reachability#ssh} gave for it, the user, and the key pair the
 * instance was launched with (may be {@code null}; it only makes a wrong-key message clearer).
 *
 * <pre>
 * SshTarget target = SshTarget.of("i-0abc", reachability.ssh("i-0abc", ip).orElseThrow(), "ubuntu", "vockey");
 * </pre>
 */
public record SshTarget(String instanceId, String host, int port, String user, String keyPairName) {

    public SshTarget {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    public SshTarget(String instanceId, String host, int port, String user) {
        this(instanceId, host, port, user, null);
    }

    public static SshTarget of(String instanceId, InetSocketAddress address, String user, String keyPairName) {
        return new SshTarget(instanceId, address.getHostString(), address.getPort(), user, keyPairName);
    }

    /** {@code user@host} or {@code user@host:port}, as the user would type it. */
    public String display() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
