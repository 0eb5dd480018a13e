package awslab.webapp;

/**
 * A request the service refuses, with the HTTP status and a sentence saying what is wrong; it
 * becomes a JSON error body, never a stack trace.
 */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String detail) {
        super(detail, null, false, false); // no stack trace: it is an answer, not a bug
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    static ApiException unprocessable(String detail) {
        return new ApiException(422, detail);
    }
}
