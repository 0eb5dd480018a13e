package awslab.target;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Who the credentials belong to, from STS GetCallerIdentity, asked with a short timeout so that
 * {@code status} and {@code connect} answer quickly even when the network does not.
 *
 * <pre>
 * Identity id = Identity.of(clients.sts());
 * </pre>
 */
public record Identity(String account, String arn) {
    static final Duration TIMEOUT = Duration.ofSeconds(8);

    /** Asks STS; throws an explained {@link awslab.api.UserException} on failure. */
    public static Identity of(StsClient sts) {
        try {
            GetCallerIdentityResponse response = sts.getCallerIdentity(r -> r.overrideConfiguration(
                    c -> c.apiCallTimeout(TIMEOUT)));
            return new Identity(response.account(), response.arn());
        } catch (SdkException e) {
            throw AwsErrors.explain(e);
        }
    }
}
