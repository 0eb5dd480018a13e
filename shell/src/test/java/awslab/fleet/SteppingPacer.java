package awslab.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Pacer} on a test clock: each pause moves the clock one interval forward at once, so a
 * ten-minute watch takes a few polls, not ten minutes. Between two polls it can do what AWS
 * would have done by then ({@link #at}), e.g. an alarm raising the desired capacity.
 */
public final class SteppingPacer extends Pacer {
    private final MutableClock clock;
    private final Map<Integer, Runnable> actions = new HashMap<>();
    private int pauses;

    private SteppingPacer(MutableClock clock, Duration interval) {
        super(clock, interval);
        this.clock = clock;
    }

    public static SteppingPacer every(Duration interval) {
        return new SteppingPacer(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")), interval);
    }

    /** Runs {@code action} during pause number {@code pause} (1 for the first). */
    public SteppingPacer at(int pause, Runnable action) {
        actions.put(pause, action);
        return this;
    }

    public int pauses() {
        return pauses;
    }

    @Override
    protected void pause() {
        pauses++;
        clock.now = clock.now.plus(interval());
        actions.getOrDefault(pauses, () -> {}).run();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
