package awslab.lab;

import awslab.api.AwsClients;
import awslab.api.Progress;
import java.nio.file.Path;

/**
 * What every lab instance is launched with, resolved once for {@code launch} and for the
 * fleet's launch template alike: the Ubuntu 24.04 image, the key pair, the web security group
 * and the user data that installs the web service.
 *
 * <pre>
 * LaunchBasics basics = LaunchBasics.resolve(clients, stateDir, progress, PublicAddressLookup.NONE, null);
 * </pre>
 */
public record LaunchBasics(String imageId, KeyPairs.Choice key, String securityGroupId, String userDataBase64) {

    /** {@code keyName} null means "vockey, or the shell's own key". */
    public static LaunchBasics resolve(AwsClients clients, Path stateDir, Progress progress,
            PublicAddressLookup callerAddress, String keyName) {
        String imageId = new ImageResolver(clients.ec2(), clients.ssm(), progress).resolve();
        KeyPairs keyPairs = new KeyPairs(clients.ec2(), stateDir, progress);
        KeyPairs.Choice key = keyName == null ? keyPairs.ensure() : keyPairs.named(keyName);
        String groupId = new SecurityGroups(clients.ec2(), progress, callerAddress).ensureWebGroup();
        return new LaunchBasics(imageId, key, groupId, UserData.base64());
    }
}
