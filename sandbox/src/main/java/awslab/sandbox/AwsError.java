package awslab.sandbox;

/**
 * An AWS-style API error: the code and message the SDK turns into its service exception
 * ({@code Ec2Exception} with {@code awsErrorDetails().errorCode()}), and the HTTP status.
 *
 * <pre>
 * throw AwsError.notFound("InvalidInstanceID.NotFound", "The instance ID 'i-1' does not exist");
 * </pre>
 */
final class AwsError extends RuntimeException {
    private final String code;
    private final int status;

    AwsError(int status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static AwsError badRequest(String code, String message) {
        return new AwsError(400, code, message);
    }

    static AwsError notFound(String code, String message) {
        return new AwsError(400, code, message);
    }

    /** The answer to an operation the sandbox does not implement: it names the operation. */
    static AwsError unsupported(String service, String action) {
        return new AwsError(400, "InvalidAction",
                "The sandbox does not implement " + service + " action " + action
                        + " (use a real AWS account or another endpoint for it).");
    }

    static AwsError missing(String parameter) {
        return new AwsError(400, "MissingParameter", "The request must contain the parameter " + parameter);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}
