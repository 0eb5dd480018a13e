package awslab.sandbox;

import awslab.net.Cidr;
import awslab.sandbox.CloudState.LoadBalancer;
import awslab.sandbox.CloudState.Rule;
import awslab.sandbox.CloudState.SecurityGroup;
import java.util.List;
import java.util.Set;

/**
 * Security groups on the data plane: whether a connection to a port of an instance (or of a
 * load balancer) is let in by the inbound rules of the groups it belongs to. Every connection
 * from the student's machine comes from {@link Caller#PUBLIC_IP}; a load balancer's comes from
 * its own groups and its private address in the VPC. A rule lets it in when its protocol is TCP
 * (or all traffic), its port range holds the port, and its source is a CIDR block holding the
 * address or a group the source belongs to — as EC2 evaluates them. Callers hold the
 * {@link Cloud} lock.
 *
 * <pre>
 * boolean open = Firewall.admits(state, instance.securityGroupIds, 80, Firewall.Source.STUDENT);
 * </pre>
 */
final class Firewall {
    /** Who opens a connection: an address, and the security groups it belongs to (none for the student). */
    record Source(String address, Set<String> groupIds) {
        static final Source STUDENT = new Source(Caller.PUBLIC_IP, Set.of());

        /** A load balancer, from its private address in its first subnet and with its own groups. */
        static Source of(LoadBalancer lb) {
            CloudRegion region = CloudRegion.of(lb.region);
            int octet = lb.subnetIds.isEmpty() ? 0 : region.zoneOfSubnet(lb.subnetIds.get(0)).privateOctet();
            int host = 4 + Math.floorMod(lb.arn.hashCode(), 250);
            return new Source("172.31." + octet + "." + host, Set.copyOf(lb.securityGroupIds));
        }
    }

    private Firewall() {}

    /** Whether any of these groups lets a TCP connection from {@code source} in on {@code port}. */
    static boolean admits(CloudState state, List<String> groupIds, int port, Source source) {
        for (String id : groupIds) {
            SecurityGroup group = state.securityGroups.get(id);
            if (group != null && group.ingress.stream().anyMatch(rule -> admits(rule, port, source))) {
                return true;
            }
        }
        return false;
    }

    private static boolean admits(Rule rule, int port, Source source) {
        boolean protocol = "-1".equals(rule.protocol) || "tcp".equals(rule.protocol) || "6".equals(rule.protocol);
        boolean ports = "-1".equals(rule.protocol) || rule.fromPort == null || rule.toPort == null
                || rule.fromPort <= port && port <= rule.toPort;
        boolean from = rule.groupIds.stream().anyMatch(source.groupIds()::contains)
                || rule.cidrs.stream().anyMatch(cidr -> contains(cidr, source.address()));
        return protocol && ports && from;
    }

    private static boolean contains(String cidr, String address) {
        return Cidr.isValid(cidr) && Cidr.parse(cidr).contains(address); // a malformed block saved earlier lets nothing in
    }
}
