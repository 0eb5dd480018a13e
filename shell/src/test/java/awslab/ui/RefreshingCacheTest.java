package awslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What Tab completion reads: never waits for a slow cloud beyond the moment it is given. */
class RefreshingCacheTest {

    @Test
    void answersEmptyRatherThanWaitForASlowFirstLoadThenTheLoadedValue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RefreshingCache<List<String>> cache = new RefreshingCache<>(() -> {
            await(release);
            return List.of("i-0abc", "web");
        }, List.of(), Duration.ofMinutes(1));
        assertEquals(List.of(), cache.get(Duration.ofMillis(50)), "the load is blocked: nothing yet");
        release.countDown();
        assertEquals(List.of("i-0abc", "web"), cache.refresh().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("i-0abc", "web"), cache.get(Duration.ZERO));
    }

    @Test
    void keepsTheLastValueWhenALoadFailsAndLoadsOnceAtATime() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        RefreshingCache<List<String>> cache = new RefreshingCache<>(() -> {
            if (loads.incrementAndGet() > 1) {
                throw new IllegalStateException("the network is gone");
            }
            return List.of("web");
        }, List.of(), Duration.ZERO);
        assertEquals(List.of("web"), cache.get(Duration.ofSeconds(10)));
        try {
            cache.refresh().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the failure stays in the background
        }
        assertEquals(List.of("web"), cache.get(Duration.ZERO), "a failed load keeps what was known");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
