package awslab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import awslab.api.UserException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Each kind of AWS failure becomes the message a student can act on. */
class AwsErrorsTest {
    static final String[][] TABLE = {
        {"ExpiredToken", "err.aws.credentials.expired"},
        {"RequestExpired", "err.aws.credentials.expired"},
        {"InvalidClientTokenId", "err.aws.credentials.invalid"},
        {"AuthFailure", "err.aws.credentials.invalid"},
        {"UnrecognizedClientException", "err.aws.credentials.invalid"},
        {"UnauthorizedOperation", "err.aws.denied"},
        {"AccessDenied", "err.aws.denied"},
        {"Throttling", "err.aws.throttled"},
        {"RequestLimitExceeded", "err.aws.throttled"},
        {"InvalidInstanceID.NotFound", "err.aws.notfound"},
        {"InvalidInstanceID.Malformed", "err.aws.notfound"},
        {"LoadBalancerNotFound", "err.aws.notfound"},
        {"IncorrectInstanceState", "err.aws.state"},
        {"ResourceInUse", "err.aws.state"},
        {"SomethingNew", "err.aws.generic"},
    };

    @Test
    void serviceErrorsByCode() {
        for (String[] row : TABLE) {
            AwsServiceException e = AwsServiceException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(row[0]).errorMessage("details").build())
                    .statusCode(400)
                    .build();
            UserException explained = AwsErrors.explain(e);
            assertEquals(row[1], explained.key(), row[0]);
        }
    }

    @Test
    void clientSideFailures() {
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        assertEquals("err.aws.unreachable", AwsErrors.explain(refused).key());
        SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the providers");
        assertEquals("err.target.credentials.none", AwsErrors.explain(noCredentials).key());
        assertEquals("err.aws.client", AwsErrors.explain(SdkClientException.create("odd")).key());
        UserException inside = new UserException("err.interrupted");
        assertEquals(inside, AwsErrors.explainAny(new RuntimeException(inside)));
    }
}
