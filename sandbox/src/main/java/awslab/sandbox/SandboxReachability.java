package awslab.sandbox;

import awslab.sandbox.CloudState.Instance;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the sandbox's instances and load balancers really are: the public IPs and DNS names the
 * API shows are fiction (documentation ranges, a {@code .local} domain, never contacted); this
 * maps them to the loopback ports of the instance's web service and SSH server and of the load
 * balancer's proxy. An instance with no public IP, or asked for by an IP it no longer has (it
 * was stopped and started), is unreachable, as it would be on AWS.
 *
 * <pre>
 * URI web = sandbox.reachability().webService("i-0abc", "203.0.113.7").orElseThrow(); // http://127.0.0.1:PORT/
 * </pre>
 */
public final class SandboxReachability {
    private final Cloud cloud;
    private final LoadBalancing loadBalancing;

    SandboxReachability(Cloud cloud, LoadBalancing loadBalancing) {
        this.cloud = cloud;
        this.loadBalancing = loadBalancing;
    }

    public Optional<URI> webService(String instanceId, String publicIp) {
        return host(instanceId, publicIp).filter(h -> h.publicWebPort() != 0)
                .map(h -> URI.create("http://127.0.0.1:" + h.publicWebPort() + "/"));
    }

    public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
        return host(instanceId, publicIp).filter(h -> h.publicSshPort() != 0)
                .map(h -> new InetSocketAddress("127.0.0.1", h.publicSshPort()));
    }

    public Optional<URI> loadBalancer(String dnsName) {
        int port = dnsName == null ? 0 : loadBalancing.port(dnsName);
        return port == 0 ? Optional.empty() : Optional.of(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /**
     * Something reached on this computer: an instance (kind {@code instance}: its id, Name tag,
     * state, public IP) or a load balancer (kind {@code load-balancer}: its name, state, DNS name),
     * with its local web address ({@code http://127.0.0.1:PORT/}) and, for an instance, its SSH
     * address ({@code 127.0.0.1:PORT}); null where there is none (a stopped instance).
     */
    public record Address(String kind, String id, String name, String state, String publicAddress, String web, String ssh) {}

    /** Every instance and load balancer, and where each is reached now. */
    public List<Address> all() {
        List<Address> all = new ArrayList<>();
        synchronized (cloud) {
            for (Instance instance : cloud.state.instances.values()) {
                InstanceHost host = instance.publicIp == null ? null : cloud.host(instance.id);
                String web = host == null || host.publicWebPort() == 0 ? null : "http://127.0.0.1:" + host.publicWebPort() + "/";
                String ssh = host == null || host.publicSshPort() == 0 ? null : "127.0.0.1:" + host.publicSshPort();
                all.add(new Address("instance", instance.id, instance.tags.get("Name"), instance.state, instance.publicIp, web, ssh));
            }
            for (CloudState.LoadBalancer lb : cloud.state.loadBalancers.values()) {
                int port = loadBalancing.port(lb.dnsName);
                all.add(new Address("load-balancer", lb.arn, lb.name, lb.state, lb.dnsName,
                        port == 0 ? null : "http://127.0.0.1:" + port + "/", null));
            }
        }
        return all;
    }

    private Optional<InstanceHost> host(String instanceId, String publicIp) {
        synchronized (cloud) {
            Instance instance = instanceId == null ? null : cloud.state.instances.get(instanceId);
            if (instance == null && publicIp != null) {
                instance = cloud.state.instances.values().stream().filter(i -> publicIp.equals(i.publicIp)).findFirst().orElse(null);
            }
            if (instance == null || instance.publicIp == null || publicIp != null && !publicIp.equals(instance.publicIp)) {
                return Optional.empty();
            }
            return Optional.ofNullable(cloud.host(instance.id));
        }
    }
}
