package awslab.ui;

import awslab.logging.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A value loaded in the background and kept until it is stale, for what must never make the
 * prompt wait (Tab completion from the cloud): {@link #get} answers with what it has, waiting at
 * most a moment for a first load; a stale value is refreshed behind it. A load that fails keeps
 * the last value.
 *
 * <pre>
 * RefreshingCache&lt;List&lt;String&gt;&gt; names = new RefreshingCache&lt;&gt;(this::loadNames, List.of(), Duration.ofSeconds(30));
 * names.get(Duration.ofMillis(100));  // at most 100 ms, even on the first Tab
 * names.refresh();                    // after a command that may have changed them
 * </pre>
 */
public final class RefreshingCache<T> {
    private final Supplier<T> loader;
    private final T empty;
    private final Duration fresh;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Background.threads("awslab-cache"));
    private volatile T value;
    private volatile Instant loadedAt = Instant.MIN;
    private CompletableFuture<T> loading;

    /**
     * @param loader what loads the value (on a background thread; may be slow, may fail)
     * @param empty what {@link #get} answers before anything was loaded
     * @param fresh how long a loaded value is used before it is loaded again
     */
    public RefreshingCache(Supplier<T> loader, T empty, Duration fresh) {
        this(loader, empty, fresh, Clock.systemUTC());
    }

    RefreshingCache(Supplier<T> loader, T empty, Duration fresh, Clock clock) {
        this.loader = loader;
        this.empty = empty;
        this.fresh = fresh;
        this.clock = clock;
    }

    /** The value now, waiting at most {@code maxWait} when none was loaded yet; refreshed behind if stale. */
    public T get(Duration maxWait) {
        CompletableFuture<T> load = clock.instant().isBefore(loadedAt.plus(fresh)) ? null : refresh();
        T current = value;
        if (current == null && load != null) {
            try {
                return load.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return empty;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return empty;
            }
        }
        return current == null ? empty : current;
    }

    /** Loads again in the background (once at a time); the returned future completes with the new value. */
    public synchronized CompletableFuture<T> refresh() {
        if (loading == null || loading.isDone()) {
            loading = CompletableFuture.supplyAsync(loader, executor).whenComplete((loaded, failure) -> {
                if (failure == null && loaded != null) {
                    value = loaded;
                    loadedAt = clock.instant();
                }
            });
        }
        return loading;
    }
}
