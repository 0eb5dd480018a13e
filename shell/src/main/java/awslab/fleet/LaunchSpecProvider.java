package awslab.fleet;

import awslab.api.AwsClients;
import awslab.api.Progress;

/**
 * Supplies the {@link LaunchSpec} of {@code fleet create}: the shell wires part 1's image, key,
 * security group and user data resolvers here, tests build one from the emulator.
 *
 * <pre>
 * LaunchSpecProvider provider = (clients, progress) -> new LaunchSpec(ami, "t2.micro", "vockey", sg, data, false);
 * </pre>
 */
@FunctionalInterface
public interface LaunchSpecProvider {

    /**
     * Resolves (and creates when missing, e.g. the web security group) what the template needs.
     * Throws {@link awslab.api.UserException} when something the student must fix is missing.
     */
    LaunchSpec launchSpec(AwsClients clients, Progress progress);
}
