package awslab.target;

import awslab.api.Reachability;
import awslab.sandbox.Sandbox;
import awslab.sandbox.SandboxReachability;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The sandbox seen through the shell's seams: its endpoint for the SDK clients, and its
 * loopback ports as the shell's {@link Reachability}. The sandbox module knows nothing of the
 * shell; this adapter is the only place the two meet.
 *
 * <pre>
 * LocalCloud cloud = new SandboxCloud(Sandbox.start(SandboxConfig.defaults(stateDir)));
 * </pre>
 */
public final class SandboxCloud implements LocalCloud {
    private final Sandbox sandbox;
    private final Reachability reachability;

    public SandboxCloud(Sandbox sandbox) {
        this.sandbox = sandbox;
        SandboxReachability ports = sandbox.reachability();
        this.reachability = new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return ports.webService(instanceId, publicIp);
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return ports.ssh(instanceId, publicIp);
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return ports.loadBalancer(dnsName);
            }
        };
    }

    @Override
    public URI endpoint() {
        return sandbox.endpoint();
    }

    @Override
    public Reachability reachability() {
        return reachability;
    }

    public Sandbox sandbox() {
        return sandbox;
    }
}
