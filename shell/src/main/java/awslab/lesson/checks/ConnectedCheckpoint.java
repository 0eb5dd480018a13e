package awslab.lesson.checks;

import awslab.api.UserException;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Proves the shell can talk to the target: STS {@code GetCallerIdentity} answers with an
 * account. Records the facts {@code account} and {@code region}.
 *
 * <pre>
 * aws sts get-caller-identity
 * sts.getCallerIdentity()
 * </pre>
 */
public final class ConnectedCheckpoint implements Checkpoint {
    public static final String ID = "connected";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult verify(CheckContext context) {
        try {
            GetCallerIdentityResponse identity = context.clients().sts().getCallerIdentity();
            String region = context.clients().sts().serviceClientConfiguration().region().id();
            context.facts().put("account", identity.account());
            context.facts().put("region", region);
            return CheckResult.passed("msg.check.connected.passed", identity.account(), region, identity.arn());
        } catch (UserException e) {
            return CheckResult.failed("msg.check.connected.noCredentials");
        } catch (SdkException e) {
            return CheckResult.failed("msg.check.connected.failed", String.valueOf(e.getMessage()));
        }
    }
}
