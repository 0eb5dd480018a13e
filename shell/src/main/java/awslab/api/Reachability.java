package awslab.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The one seam between an instance as the API describes it and where to reach it. On AWS: its
 * public IP, ports 80 and 22. In the sandbox: the loopback ports it assigned. On an emulator
 * such as Moto: nothing — the addresses it returns are fiction and must never be contacted, so
 * checks that need the instance itself say at once that they cannot be made there.
 * In tests: a local web service or SSH server.
 */
public interface Reachability {

    /** Base URI of the instance's web service ({@code http://IP/}), or empty when unreachable by design. */
    Optional<URI> webService(String instanceId, String publicIp);

    /** Where the instance's SSH server listens, or empty when unreachable by design. */
    Optional<InetSocketAddress> ssh(String instanceId, String publicIp);

    /** Base URI of a load balancer from its DNS name, or empty when unreachable by design. */
    Optional<URI> loadBalancer(String dnsName);

    /**
     * True when the addresses above are local stand-ins for the public ones (the sandbox's
     * {@code http://127.0.0.1:PORT/}): worth showing beside the AWS-style address, since a
     * browser needs them. False on AWS, where they are the public addresses themselves.
     */
    default boolean local() {
        return false;
    }

    /** For emulators: nothing is reachable. */
    Reachability NONE = new Reachability() {
        @Override
        public Optional<URI> webService(String instanceId, String publicIp) {
            return Optional.empty();
        }

        @Override
        public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
            return Optional.empty();
        }

        @Override
        public Optional<URI> loadBalancer(String dnsName) {
            return Optional.empty();
        }
    };
}
