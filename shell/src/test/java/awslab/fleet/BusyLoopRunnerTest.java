package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local busy loop the fleet tests use, run for real with bash: detached, bounded, stoppable. */
class BusyLoopRunnerTest {
    private final LocalBusyLoopRunner runner = new LocalBusyLoopRunner();

    @AfterEach
    void noLoopLeft() {
        LocalBusyLoopRunner.bash(LocalBusyLoopRunner.stopCommand());
    }

    @Test
    void theCommandIsTheLabsLoopWrappedInTimeoutAndDetached() {
        assertEquals("nohup timeout 600 bash -c 'AWSLAB_BURN=1; while : ; do : ; done' >/dev/null 2>&1 &",
                LocalBusyLoopRunner.command(Duration.ofMinutes(10)));
    }

    @Test
    void stopEndsTheLoopAtOnce() {
        runner.start("i-1", Duration.ofMinutes(1));
        assertTrue(waitFor(() -> LocalBusyLoopRunner.running() > 0), "the loop runs in the background");
        runner.stop("i-1");
        assertTrue(waitFor(() -> LocalBusyLoopRunner.running() == 0), "stopped");
        assertEquals(java.util.List.of("start i-1 60", "stop i-1"), runner.calls);
    }

    @Test
    void theLoopStopsByItselfAtItsLimit() {
        runner.start("i-1", Duration.ofSeconds(1));
        assertTrue(waitFor(() -> LocalBusyLoopRunner.running() > 0), "the loop runs in the background");
        assertTrue(waitFor(() -> LocalBusyLoopRunner.running() == 0), "timeout ended it");
    }

    @Test
    void stoppingWhenNothingRunsIsHarmless() {
        runner.stop("i-1");
        assertEquals(0, LocalBusyLoopRunner.running());
    }

    /** Polls for at most 5 s. */
    private static boolean waitFor(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
