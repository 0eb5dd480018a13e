package awslab.lab;

import awslab.net.Cidr;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Whether an instance's security groups let the student's machine in on a TCP port, and when
 * they do not, the rule that is missing: what a checkpoint says when the web service or SSH gets
 * no answer (on AWS and in the sandbox alike, both drop what the groups do not allow). The
 * student's address is the one {@link PublicAddressLookup} finds; unknown, only a rule open to
 * everyone counts.
 *
 * <pre>
 * Optional&lt;IngressRules.Missing&gt; missing = IngressRules.missing(ec2, instance, 22, Optional.of("198.51.100.7"));
 * missing.ifPresent(m -&gt; … m.groupId() … m.cidr() …); // the rule to add
 * </pre>
 */
public final class IngressRules {
    /** The rule to add: TCP {@code port} from {@code cidr} into {@code groupId}, one of the instance's groups. */
    public record Missing(String instanceId, String groupId, int port, String cidr) {
        /** The AWS CLI command that adds it. */
        public String command() {
            return "aws ec2 authorize-security-group-ingress --group-id " + groupId + " --protocol tcp --port " + port + " --cidr " + cidr;
        }
    }

    private IngressRules() {}

    /**
     * The rule missing for TCP {@code port} from {@code caller} (or from anywhere when unknown),
     * or empty when a rule lets it in — then the silence has another cause (booting, a network).
     */
    public static Optional<Missing> missing(Ec2Client ec2, Instance instance, int port, Optional<String> caller) {
        List<String> ids = instance.securityGroups().stream().map(GroupIdentifier::groupId).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        List<SecurityGroup> groups = ec2.describeSecurityGroups(r -> r.groupIds(ids)).securityGroups();
        String from = caller.orElse("0.0.0.0");
        boolean admitted = groups.stream().flatMap(g -> g.ipPermissions().stream()).anyMatch(p -> admits(p, port, from));
        if (admitted) {
            return Optional.empty();
        }
        String cidr = port == 80 || caller.isEmpty() ? SecurityGroups.ANYWHERE : caller.get() + "/32";
        return Optional.of(new Missing(instance.instanceId(), ids.get(0), port, cidr));
    }

    private static boolean admits(IpPermission permission, int port, String address) {
        String protocol = permission.ipProtocol();
        boolean all = "-1".equals(protocol);
        boolean ports = all || permission.fromPort() == null || permission.toPort() == null
                || permission.fromPort() <= port && port <= permission.toPort();
        boolean from = permission.ipRanges().stream().anyMatch(r -> Cidr.isValid(r.cidrIp()) && Cidr.parse(r.cidrIp()).contains(address));
        return (all || "tcp".equals(protocol) || "6".equals(protocol)) && ports && from;
    }
}
