package awslab.lab;

import awslab.api.Interruption;
import java.time.Duration;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

/**
 * How long lab operations wait for AWS: the SDK waiters' polling and the bounded retries of
 * cleanup. Real AWS needs minutes; tests against Moto (instant state changes) use
 * {@link #immediate()}.
 *
 * <pre>
 * new Instances(ec2, progress, Waiting.immediate());
 * </pre>
 */
public record Waiting(int maxAttempts, Duration pollInterval) {

    /** Real AWS: poll every 5 s, up to 10 minutes. */
    public static Waiting aws() {
        return new Waiting(120, Duration.ofSeconds(5));
    }

    /** Emulators and tests: a few polls, no pause. */
    public static Waiting immediate() {
        return new Waiting(3, Duration.ZERO);
    }

    public WaiterOverrideConfiguration waiterConfiguration() {
        BackoffStrategy backoff = pollInterval.isZero() ? BackoffStrategy.none() : software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(pollInterval);
        return WaiterOverrideConfiguration.builder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(backoff)
                .waitTimeout(pollInterval.multipliedBy(maxAttempts).plusMinutes(1))
                .build();
    }

    /** Sleeps one poll interval (for bounded retry loops); Ctrl-C ends it with an {@link Interruption}. */
    public void pause() {
        if (!pollInterval.isZero()) {
            Interruption.sleep(pollInterval);
        }
    }
}
