package awslab.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks {@code /health} every 100 ms, as a load balancer would (more often), while something
 * else runs; counts the answers that are not 200 within 5 s.
 *
 * <pre>{@code
 * try (HealthWatch health = HealthWatch.start(app.uri())) {
 *     ...abuse...
 *     assertEquals(0, health.failures(), health.report());
 * }
 * }</pre>
 */
final class HealthWatch implements AutoCloseable {
    private static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI health;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong slowest = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    private HealthWatch(URI base) {
        health = base.resolve("/health");
        thread = new Thread(this::watch, "health-watch");
        thread.setDaemon(true);
    }

    static HealthWatch start(URI base) {
        HealthWatch watch = new HealthWatch(base);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                if (running.get()) {
                    failures.add(e.toString());
                }
            }
            checks.incrementAndGet();
            slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long checks() {
        return checks.get();
    }

    long failures() {
        return failures.size();
    }

    long slowestMillis() {
        return slowest.get();
    }

    String report() {
        return checks + " checks, " + failures.size() + " not 200, slowest " + slowest + " ms"
                + (failures.isEmpty() ? "" : "; first: " + failures.get(0));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(TIMEOUT.toMillis() + 1000);
    }
}
