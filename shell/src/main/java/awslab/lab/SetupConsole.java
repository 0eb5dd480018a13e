package awslab.lab;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

/**
 * Where an instance's first-boot setup is, read from its console ({@code GetConsoleOutput}),
 * where the user data writes one line per step ({@link SetupProgress} holds the contract). It
 * asks for the latest output, which only Nitro instances (t3) give; a t2 refuses, and then
 * gets what EC2 posted last — later, but still the same lines. Reading is never a reason to fail
 * a command: any error reads as "nothing reported yet", and is logged.
 *
 * <pre>
 * SetupProgress setup = new SetupConsole(ec2).read("i-0abc");
 * setup.phase();  // Optional[JAVA]
 * </pre>
 */
public final class SetupConsole {
    private static final System.Logger LOG = System.getLogger(SetupConsole.class.getName());

    private final Ec2Client ec2;
    private volatile boolean latestRefused;

    public SetupConsole(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public SetupProgress read(String instanceId) {
        try {
            String output = console(instanceId).output();
            if (output == null || output.isBlank()) {
                return SetupProgress.none();
            }
            return SetupProgress.parse(new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8));
        } catch (SdkException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read the console of " + instanceId, e);
            return SetupProgress.none();
        }
    }

    private GetConsoleOutputResponse console(String instanceId) {
        if (!latestRefused) {
            try {
                return ec2.getConsoleOutput(r -> r.instanceId(instanceId).latest(true));
            } catch (AwsServiceException e) {
                if (e.statusCode() != 400 || e.isThrottlingException()) {
                    throw e;
                }
                latestRefused = true; // not a Nitro instance: ask for what was posted
            }
        }
        return ec2.getConsoleOutput(r -> r.instanceId(instanceId));
    }
}
