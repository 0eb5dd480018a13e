package awslab.target;

import awslab.api.UserException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK throws into a {@link UserException} that tells a student what happened
 * and what to do: expired credentials, Learner Lab refusals, throttling, unknown ids, wrong
 * states, an unreachable endpoint; anything else keeps AWS's error code and message.
 *
 * <pre>
 * try { ec2.stopInstances(…); } catch (SdkException e) { throw AwsErrors.explain(e); }
 * </pre>
 */
public final class AwsErrors {
    private AwsErrors() {}

    static final Set<String> CREDENTIALS = Set.of("expiredtoken", "expiredtokenexception", "requestexpired",
            "invalidclienttokenid", "unrecognizedclientexception", "authfailure", "invalidaccesskeyid",
            "signaturedoesnotmatch", "invalidtoken", "incompletesignature", "missingauthenticationtoken",
            "invalidsignatureexception", "authfailure.servicelinkedrolecreationnotpermitted");
    static final Set<String> DENIED = Set.of("accessdenied", "accessdeniedexception", "unauthorizedoperation",
            "unauthorizedaccess", "operationnotpermitted", "optinrequired", "blocked");
    static final Set<String> THROTTLED = Set.of("throttling", "throttlingexception", "requestlimitexceeded",
            "toomanyrequestsexception", "slowdown", "requestthrottled", "requestthrottledexception");

    private static final java.util.regex.Pattern ATTEMPTS = java.util.regex.Pattern.compile("SDK Attempt Count: (\\d+)");

    /** The user's view of {@code e}: an explained SDK error, the cause's UserException, or e itself. */
    public static RuntimeException explainAny(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserException user) {
                return user;
            }
            if (t instanceof SdkException sdk) {
                return explain(sdk);
            }
        }
        return e instanceof RuntimeException r ? r : new RuntimeException(e);
    }

    public static UserException explain(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return explainService(service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new UserException(e, "err.aws.timeout");
        }
        if (e instanceof AbortedException) {
            return new UserException(e, "err.interrupted");
        }
        if (isGarbledAnswer(e)) {
            return new UserException(e, "err.aws.garbled", attempts(e));
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("Profile file contained no credentials")) {
            return new UserException(e, "err.target.credentials.none");
        }
        if (message.contains("Unable to load region")) {
            return new UserException(e, "err.aws.region.missing");
        }
        if (e instanceof SdkClientException && isUnreachable(e)) {
            return new UserException(e, "err.aws.unreachable", rootMessage(e));
        }
        return new UserException(e, "err.aws.client", rootMessage(e));
    }

    /**
     * Whether AWS's answer arrived but could not be read (cut short, garbled): the call may or
     * may not have been done, so reads are asked again and creations are reconciled by looking.
     */
    public static boolean isGarbledAnswer(Throwable e) {
        // An error answer whose code cannot be read: AWS always names its 4xx errors (a 401's body
        // is dropped by the HTTP client, and 403 is a refusal: those two are not asked again).
        if (e instanceof AwsServiceException a && (a.awsErrorDetails() == null || a.awsErrorDetails().errorCode() == null)
                && a.statusCode() >= 400 && a.statusCode() < 500 && a.statusCode() != 401 && a.statusCode() != 403) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof javax.xml.stream.XMLStreamException || t.getClass().getName().endsWith("JsonParseException")
                    || t.getClass().getName().endsWith("JsonEOFException")
                    || message.startsWith("Unable to unmarshall response") || message.startsWith("Could not parse XML response")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static UserException explainService(AwsServiceException e) {
        if (isGarbledAnswer(e)) {
            return new UserException(e, "err.aws.garbled", attempts(e));
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (code == null && e.statusCode() == 401) {
            // EC2 answers AuthFailure with 401, and the url-connection client cannot read a
            // 401's body (it is dropped while streaming the request): name what 401 means.
            code = "AuthFailure, HTTP 401";
        }
        String shown = code == null ? "HTTP " + e.statusCode() : code;
        // The AWS message, when there is one, follows the code after a dash; none leaves nothing dangling.
        String text = message == null || message.isBlank() ? "" : " — " + oneLine(message);
        String lower = code == null ? "" : code.split(",")[0].toLowerCase(Locale.ROOT);
        if (CREDENTIALS.contains(lower)) {
            return new UserException(e, lower.startsWith("expired") || lower.equals("requestexpired")
                    ? "err.aws.credentials.expired" : "err.aws.credentials.invalid", shown, text);
        }
        if (DENIED.contains(lower) || e.statusCode() == 403 && code == null) {
            return new UserException(e, "err.aws.denied", shown, text);
        }
        if (THROTTLED.contains(lower) || e.isThrottlingException()) {
            return new UserException(e, "err.aws.throttled", shown, attempts(e));
        }
        if (lower.endsWith(".notfound") || lower.endsWith("notfound") || lower.endsWith("notfoundexception")
                || lower.endsWith(".malformed")) {
            return new UserException(e, "err.aws.notfound", shown, text);
        }
        if (lower.contains("incorrectinstancestate") || lower.contains("incorrectstate")
                || lower.contains("invalidstate") || lower.contains("resourceinuse")) {
            return new UserException(e, "err.aws.state", shown, text);
        }
        return new UserException(e, "err.aws.generic", shown, text);
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** How many times the SDK tried, from the "(SDK Attempt Count: N)" it appends; 1 when it does not say. */
    static int attempts(SdkException e) {
        java.util.regex.Matcher m = ATTEMPTS.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : oneLine(message);
    }
}
