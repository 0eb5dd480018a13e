package awslab.lab;

import awslab.api.UserException;
import awslab.api.Progress;
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
            authorize(groupId, 22, me.get() + "/32");
            progress.step("msg.lab.sg.ssh", me.get() + "/32");
        } else {
            progress.step("msg.lab.sg.ssh.none");
        }
        return groupId;
    }

    private String create(String vpcId) {
        String name = LabNames.WEB_SECURITY_GROUP;
        progress.apiCall("aws ec2 create-security-group --group-name " + name + " --vpc-id " + vpcId + " --description \"awslab web\"",
                "ec2.createSecurityGroup(r -> r.groupName(\"" + name + "\").vpcId(\"" + vpcId + "\").description(\"awslab web\"))");
        String groupId = ec2.createSecurityGroup(r -> r.groupName(name)
                        .vpcId(vpcId)
                        .description("awslab web: HTTP from anywhere, SSH from the student only")
                        .tagSpecifications(LabTags.ec2Spec(ResourceType.SECURITY_GROUP, name, LabNames.PART1_LESSON)))
                .groupId();
        progress.step("msg.lab.sg.created", name, groupId);
        authorize(groupId, 80, ANYWHERE);
        return groupId;
    }

    private void authorize(String groupId, int port, String cidr) {
        progress.apiCall("aws ec2 authorize-security-group-ingress --group-id " + groupId + " --protocol tcp --port " + port + " --cidr " + cidr,
                "ec2.authorizeSecurityGroupIngress(r -> r.groupId(\"" + groupId + "\").ipProtocol(\"tcp\").fromPort(" + port
                        + ").toPort(" + port + ").cidrIp(\"" + cidr + "\"))");
        IpPermission permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
        try {
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permission));
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
