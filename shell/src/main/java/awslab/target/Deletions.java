package awslab.target;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Deletes as a goal, not as an act: "delete X" succeeds when X is gone, whoever removed it. When
 * AWS's answer to a delete is lost, the SDK asks again and AWS answers "not found" — the first
 * call did the work — and a cleanup run again after a failure meets what the first run already
 * deleted. Both are success, never a reason to stop.
 *
 * <pre>
 * boolean deletedNow = Deletions.gone(() -&gt; autoScaling.deleteAutoScalingGroup(r -&gt; r.autoScalingGroupName(name)));
 * </pre>
 */
public final class Deletions {
    private Deletions() {}

    /** Runs {@code delete}; true when it deleted, false when AWS says the resource was already gone. */
    public static boolean gone(Runnable delete) {
        try {
            delete.run();
            return true;
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** "Not found" in the words of each service, Auto Scaling's "ValidationError … not found" included. */
    public static boolean isNotFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode().toLowerCase(Locale.ROOT);
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "" : e.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT);
        return code.endsWith(".notfound") || code.endsWith("notfound") || code.endsWith("notfoundexception")
                || code.equals("validationerror") && message.contains("not found");
    }
}
