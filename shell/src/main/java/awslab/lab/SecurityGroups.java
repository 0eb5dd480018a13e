package awslab.lab;

import awslab.api.UserException;
import awslab.api.Progress;
import awslab.target.Creations;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The lab's web security group in the default VPC: HTTP from anywhere (the lab's "allow HTTP
 * traffic from the internet"), SSH only from the caller's own address. When that address is
 * unknown, no SSH rule at all: port 22 is never opened to the world.
 *
 * <pre>
 * String groupId = new SecurityGroups(ec2, progress, PublicAddressLookup.checkIp()).ensureWebGroup();
 * </pre>
 */
public final class SecurityGroups {
    static final String ANYWHERE = "0.0.0.0/0";
    /** The description of the SSH rule, shown in the console beside the student's address. */
    static final String SSH_RULE = "awslab: SSH from the student's address";

    private final Ec2Client ec2;
    private final Progress progress;
    private final PublicAddressLookup callerAddress;

    public SecurityGroups(Ec2Client ec2, Progress progress, PublicAddressLookup callerAddress) {
        this.ec2 = ec2;
        this.progress = progress;
        this.callerAddress = callerAddress;
    }

    /** The id of the web group, created with its rules when missing; the SSH rule follows the caller's address. */
    public String ensureWebGroup() {
        String vpcId = defaultVpc();
        String groupId = find(vpcId).map(SecurityGroup::groupId).orElseGet(() -> create(vpcId));
        Optional<String> me = callerAddress.callerAddress();
        if (me.isPresent()) {
            followCaller(groupId, me.get());
            progress.step("msg.lab.sg.ssh", me.get() + "/32");
        } else {
            progress.step("msg.lab.sg.ssh.none");
        }
        return groupId;
    }

    /** Where the groups let SSH (port 22) in from: their IPv4 ranges. */
    public List<String> sshSources(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return ec2.describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups().stream()
                .flatMap(g -> g.ipPermissions().stream())
                .filter(SecurityGroups::coversSsh)
                .flatMap(p -> p.ipRanges().stream().map(IpRange::cidrIp))
                .distinct()
                .toList();
    }

    /** The shell's own web group among {@code groupIds} (the only one whose rules it may change). */
    public Optional<String> ownWebGroup(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Optional.empty();
        }
        return ec2.describeSecurityGroups(r -> r.groupIds(groupIds).filters(LabTags.managedFilter(),
                        Filter.builder().name("group-name").values(LabNames.WEB_SECURITY_GROUP).build()))
                .securityGroups().stream().map(SecurityGroup::groupId).findFirst();
    }

    /**
     * Makes the group's SSH rule the caller's {@code ip}/32: adds it, tagged, and revokes the
     * single addresses it let in before (the student's home, campus, phone…), so that old
     * addresses do not pile up. Only ever called on the shell's own web group.
     */
    public void followCaller(String groupId, String ip) {
        String mine = ip + "/32";
        List<String> stale = sshSources(List.of(groupId)).stream()
                .filter(cidr -> cidr.endsWith("/32") && !cidr.equals(mine))
                .toList();
        authorize(groupId, 22, mine);
        for (String old : stale) {
            progress.apiCall("aws ec2 revoke-security-group-ingress --group-id " + groupId + " --protocol tcp --port 22 --cidr " + old,
                    "ec2.revokeSecurityGroupIngress(r -> r.groupId(\"" + groupId + "\").ipProtocol(\"tcp\").fromPort(22).toPort(22)"
                            + ".cidrIp(\"" + old + "\"))");
            ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(sshFrom(old)));
            progress.step("msg.lab.sg.ssh.revoked", old);
        }
    }

    private static boolean coversSsh(IpPermission p) {
        boolean anyProtocol = "-1".equals(p.ipProtocol());
        return anyProtocol || "tcp".equals(p.ipProtocol()) && p.fromPort() != null && p.toPort() != null
                && p.fromPort() <= 22 && 22 <= p.toPort();
    }

    private static IpPermission sshFrom(String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
    }

    private String create(String vpcId) {
        String name = LabNames.WEB_SECURITY_GROUP;
        progress.apiCall("aws ec2 create-security-group --group-name " + name + " --vpc-id " + vpcId + " --description \"awslab web\"",
                "ec2.createSecurityGroup(r -> r.groupName(\"" + name + "\").vpcId(\"" + vpcId + "\").description(\"awslab web\"))");
        // No client token for security groups: after a lost answer, the group is found by its name and tag.
        String groupId = Creations.once(() -> ec2.createSecurityGroup(r -> r.groupName(name)
                        .vpcId(vpcId)
                        .description("awslab web: HTTP from anywhere, SSH from the student only")
                        .tagSpecifications(LabTags.ec2Spec(ResourceType.SECURITY_GROUP, name, LabNames.PART1_LESSON))
                        .overrideConfiguration(Creations.REFUSED_ONLY)).groupId(),
                () -> find(vpcId).map(SecurityGroup::groupId),
                found -> progress.step("msg.aws.reconciled", found));
        progress.step("msg.lab.sg.created", name, groupId);
        authorize(groupId, 80, ANYWHERE);
        return groupId;
    }

    private void authorize(String groupId, int port, String cidr) {
        progress.apiCall("aws ec2 authorize-security-group-ingress --group-id " + groupId + " --protocol tcp --port " + port + " --cidr " + cidr,
                "ec2.authorizeSecurityGroupIngress(r -> r.groupId(\"" + groupId + "\").ipProtocol(\"tcp\").fromPort(" + port
                        + ").toPort(" + port + ").cidrIp(\"" + cidr + "\"))");
        IpPermission permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp(cidr).description(port == 22 ? SSH_RULE : "awslab: HTTP").build()).build();
        try {
            // The rule carries the shell's tags too, like everything it creates.
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permission)
                    .tagSpecifications(LabTags.ec2Spec(ResourceType.SECURITY_GROUP_RULE, LabNames.WEB_SECURITY_GROUP,
                            LabNames.PART1_LESSON)));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() == null || !"InvalidPermission.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }

    /** The shell's web group in {@code vpcId}, if it exists. */
    Optional<SecurityGroup> find(String vpcId) {
        return ec2.describeSecurityGroups(r -> r.filters(
                        Filter.builder().name("group-name").values(LabNames.WEB_SECURITY_GROUP).build(),
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        LabTags.managedFilter()))
                .securityGroups().stream().findFirst();
    }

    String defaultVpc() {
        progress.apiCall("aws ec2 describe-vpcs --filters Name=is-default,Values=true",
                "ec2.describeVpcs(r -> r.filters(f -> f.name(\"is-default\").values(\"true\")))");
        return ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().stream()
                .findFirst()
                .map(Vpc::vpcId)
                .orElseThrow(() -> new UserException("err.lab.vpc.none"));
    }
}
