package awslab.target;

import awslab.reach.Reachability;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Reaching instances on real AWS: the public IP, port 80 for the web service and 22 for SSH;
 * a load balancer by {@code http://DNS/}.
 *
 * <pre>
 * Optional&lt;URI&gt; web = new AwsReachability().webService("i-0abc", "3.80.1.2"); // http://3.80.1.2/
 * </pre>
 */
public final class AwsReachability implements Reachability {
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

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
