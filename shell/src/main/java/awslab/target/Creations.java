package awslab.target;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Creates a resource at most once over a network that may lose AWS's answer. A creation is not
 * safe to repeat blindly: when its answer is lost (the connection drops after the request went
 * out, the answer is cut short, the call times out, AWS answers 5xx) the resource may exist all
 * the same. So the SDK retries a creation only when AWS refused it undone (throttling, a
 * connection never made), and everything else is reconciled by looking: when the resource is
 * there (found by a client token tag, or by its name and the shell's tag), that is the answer;
 * when it is not, the creation is tried again, a bounded number of times. An "already exists"
 * for a resource that is the shell's own is a success too: an earlier answer was lost.
 *
 * <pre>
 * String id = Creations.once(
 *         () -&gt; ec2.runInstances(r -&gt; r.clientToken(token)….overrideConfiguration(Creations.REFUSED_ONLY)),
 *         () -&gt; findByToken(token),
 *         found -&gt; progress.step("msg.aws.reconciled", found));
 * </pre>
 */
public final class Creations {
    /** Tries of the creation itself, each after looking whether the previous one was done. */
    static final int MAX_TRIES = 3;

    /** The SDK's retries for a creation: only what AWS refused without doing it. */
    static final RetryStrategy REFUSED_ONLY_STRATEGY = DefaultRetryStrategy.standardStrategyBuilder(false)
            .retryOnException(Creations::refusedUndone)
            .treatAsThrottling(e -> e instanceof SdkException s && s instanceof AwsServiceException a && a.isThrottlingException())
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(10)))
            .maxAttempts(ClientFactory.MAX_ATTEMPTS)
            .build();

    /** Put on a creation request: see {@link #REFUSED_ONLY_STRATEGY}. */
    public static final Consumer<AwsRequestOverrideConfiguration.Builder> REFUSED_ONLY =
            o -> o.addPlugin((SdkPlugin) config -> config.overrideConfiguration(c -> c.retryStrategy(REFUSED_ONLY_STRATEGY)));

    private Creations() {}

    /**
     * Runs {@code create}; when its answer is lost or AWS says the resource already exists, looks
     * with {@code lookUp} and returns what it finds (telling {@code reconciled}), else tries again.
     */
    public static <T> T once(Supplier<T> create, Supplier<Optional<T>> lookUp, Consumer<T> reconciled) {
        SdkException last = null;
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            try {
                return create.get();
            } catch (AwsServiceException e) {
                if (!alreadyExists(e) && !answerLost(e)) {
                    throw e;
                }
                last = e;
            } catch (SdkException e) {
                if (!answerLost(e)) {
                    throw e;
                }
                last = e;
            }
            Optional<T> found = lookUp.get();
            if (found.isPresent()) {
                reconciled.accept(found.get());
                return found.get();
            }
            if (last instanceof AwsServiceException e && alreadyExists(e)) {
                throw e; // it exists, and it is not the shell's: not ours to take over
            }
        }
        throw last;
    }

    /** Whether AWS refused the call without doing anything: throttled, or never reached. */
    static boolean refusedUndone(Throwable e) {
        if (e instanceof AwsServiceException a) {
            return a.isThrottlingException();
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the call may have been done though no answer says so. */
    static boolean answerLost(SdkException e) {
        if (e instanceof AwsServiceException a) {
            return a.statusCode() >= 500 || AwsErrors.isGarbledAnswer(a);
        }
        return e instanceof SdkClientException || e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException || AwsErrors.isGarbledAnswer(e);
    }

    /** "Already exists" in the words of each service (EC2, Auto Scaling, ELBv2). */
    public static boolean alreadyExists(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode().toLowerCase(Locale.ROOT);
        return code.contains("alreadyexists") || code.startsWith("duplicate") || code.equals("invalidgroup.duplicate")
                || code.equals("invalidkeypair.duplicate");
    }
}
