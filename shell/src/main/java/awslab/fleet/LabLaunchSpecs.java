package awslab.fleet;

import awslab.lab.LabNames;
import awslab.lab.LaunchBasics;
import awslab.lab.PublicAddressLookup;
import awslab.api.AwsClients;
import awslab.api.Progress;
import java.nio.file.Path;

/**
 * The fleet's launch template gets what part 1's {@code launch} uses — same image, key, web
 * security group and user data — as the lab text asks ("the same as the instance").
 *
 * <pre>
 * FleetWiring.install(FleetWiring.current().withLaunchSpecs(new LabLaunchSpecs(stateDir)));
 * </pre>
 */
public final class LabLaunchSpecs implements LaunchSpecProvider {
    private final Path stateDir;

    public LabLaunchSpecs(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public LaunchSpec launchSpec(AwsClients clients, Progress progress) {
        LaunchBasics basics = LaunchBasics.resolve(clients, stateDir, progress,
                PublicAddressLookup.forTarget(clients.ec2()), null);
        return new LaunchSpec(basics.imageId(), LabNames.DEFAULT_INSTANCE_TYPE, basics.key().name(),
                basics.securityGroupId(), basics.userDataBase64(), true);
    }
}
