package awslab.fleet;

import awslab.api.Interruption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * How the fleet waits for AWS: a clock, a pause between polls, and a hard limit on both time
 * and number of polls, so that no loop can run forever. Tests pass a short interval (and may
 * act, between two polls, where AWS would have — e.g. an alarm raising the desired capacity).
 *
 * <pre>
 * Pacer pacer = Pacer.every(Duration.ofSeconds(5));
 * boolean done = pacer.until(Duration.ofMinutes(5), () -> fleet.isHealthy());
 * </pre>
 */
public class Pacer {
    /** Whatever the timeout, never more polls than this. */
    public static final int MAX_POLLS = 2_000;

    private final Clock clock;
    private final Duration interval;

    public Pacer(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    public static Pacer every(Duration interval) {
        return new Pacer(Clock.systemUTC(), interval);
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Checks {@code done} now and after each pause until it holds, {@code timeout} has passed
     * or {@link #MAX_POLLS} polls were made. Returns whether it held.
     */
    public boolean until(Duration timeout, BooleanSupplier done) {
        Instant deadline = now().plus(timeout);
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (!now().isBefore(deadline)) {
                return false;
            }
            pause();
        }
        return false;
    }

    /**
     * Waits one interval (Ctrl-C ends it with an {@link Interruption}). Subclasses (tests) may
     * act here, as AWS would between two polls.
     */
    protected void pause() {
        Interruption.sleep(interval);
    }
}
