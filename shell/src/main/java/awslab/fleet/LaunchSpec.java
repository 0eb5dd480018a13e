package awslab.fleet;

import java.util.Objects;

/**
 * What the fleet's launch template holds: the same image, type, key, security group and user
 * data as part 1's {@code launch}. The fleet does not resolve these itself; a
 * {@link LaunchSpecProvider} (part 1's resolvers, in the shell) hands them over.
 *
 * <pre>
 * LaunchSpec spec = new LaunchSpec("ami-0abc", "t2.micro", "vockey", "sg-0123", userDataBase64, false);
 * </pre>
 *
 * @param webSecurityGroupId the instances' security group; the fleet adds "HTTP from the load balancer" to it
 * @param userDataBase64 the user data, already Base64-encoded as the EC2 API wants it
 * @param detailedMonitoring one-minute CloudWatch metrics instead of five (faster scaling, costs a little)
 */
public record LaunchSpec(
        String imageId,
        String instanceType,
        String keyName,
        String webSecurityGroupId,
        String userDataBase64,
        boolean detailedMonitoring) {

    public LaunchSpec {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(webSecurityGroupId, "webSecurityGroupId");
        Objects.requireNonNull(userDataBase64, "userDataBase64");
    }

    /** The same spec with detailed monitoring switched on or off. */
    public LaunchSpec withDetailedMonitoring(boolean enabled) {
        return new LaunchSpec(imageId, instanceType, keyName, webSecurityGroupId, userDataBase64, enabled);
    }
}
