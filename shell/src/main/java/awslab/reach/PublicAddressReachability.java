package awslab.reach;

import awslab.api.Reachability;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Reachability on real AWS: an instance's public IPv4 address, the web service on port 80 and
 * SSH on port 22; a load balancer by its DNS name on port 80. Nothing when there is no address
 * (a stopped instance has none).
 *
 * <pre>
 * Reachability aws = new PublicAddressReachability();
 * aws.webService("i-0abc", "54.1.2.3"); // Optional[http://54.1.2.3/]
 * </pre>
 */
public final class PublicAddressReachability implements Reachability {

    @Override
    public Optional<URI> webService(String instanceId, String publicIp) {
        return present(publicIp).map(ip -> URI.create("http://" + ip + "/"));
    }

    @Override
    public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
        return present(publicIp).map(ip -> InetSocketAddress.createUnresolved(ip, 22));
    }

    @Override
    public Optional<URI> loadBalancer(String dnsName) {
        return present(dnsName).map(dns -> URI.create("http://" + dns + "/"));
    }

    private static Optional<String> present(String text) {
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }
}
