package awslab.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who this instance is, asked once of the instance metadata service (IMDS) and then remembered:
 * an instance's id and zone never change, and load balancers call {@code /instance} often.
 *
 * <p>Version 2 first: {@code PUT /latest/api/token} for a session token, then the metadata
 * {@code GET}s with that token (the lab's original service used version 1 only, which fails on
 * instances that require tokens, the default for new launches). When the token request is
 * answered 403, 404 or 405, the service there predates or disables tokens (old emulators,
 * some containers), so the same {@code GET}s go again without a token, as the AWS SDKs do. A
 * metadata service that does not answer is not asked twice: the look-up has one deadline.
 *
 * <p>At most one look-up is in flight: concurrent callers share it, and each waits only until
 * the deadline. Only a few callers may wait at once (the others are told at once that the
 * look-up is under way), so a silent metadata service can never hold most of Jetty's threads.
 *
 * <pre>{@code
 * InstanceMetadata imds = new InstanceMetadata(URI.create("http://169.254.169.254"),
 *         Duration.ofMillis(500), Duration.ofMillis(1500), 4);
 * String id = imds.identity().instanceId();     // or MetadataUnavailableException
 * }</pre>
 */
final class InstanceMetadata {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String INSTANCE_ID_PATH = "/latest/meta-data/instance-id";
    static final String ZONE_PATH = "/latest/meta-data/placement/availability-zone";
    static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    /** What the service knows of its instance; the zone may be unknown. */
    record Identity(String instanceId, Optional<String> availabilityZone) {}

    /** The metadata service could not say who this instance is, and why. */
    static final class MetadataUnavailableException extends Exception {
        MetadataUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final URI endpoint;
    private final Duration connectTimeout;
    private final Duration lookupTimeout;
    private HttpClient client; // built on first use: it costs ~200 ms of start-up (TLS set-up)
    private final Semaphore waiting;
    private final AtomicReference<Identity> known = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Identity>> inFlight = new AtomicReference<>();

    InstanceMetadata(URI endpoint, Duration connectTimeout, Duration lookupTimeout, int maxWaiting) {
        this.waiting = new Semaphore(maxWaiting);
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.lookupTimeout = lookupTimeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            // HTTP/1.1 only: the metadata service does not speak HTTP/2, not even as an upgrade.
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    /** The identity if a look-up already succeeded; never waits. */
    Optional<Identity> known() {
        return Optional.ofNullable(known.get());
    }

    /** The identity, asking the metadata service if needed; waits at most the look-up timeout. */
    Identity identity() throws MetadataUnavailableException {
        return identity(lookupTimeout);
    }

    /** As {@link #identity()}, waiting at most {@code wait} (the look-up goes on after that). */
    Identity identity(Duration wait) throws MetadataUnavailableException {
        Identity cached = known.get();
        if (cached != null) {
            return cached;
        }
        if (!waiting.tryAcquire()) {
            lookup(); // make sure one is under way, but do not hold this thread
            throw unavailable("a look-up is under way and enough requests already wait for it; try again");
        }
        try {
            return lookup().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unavailable("no answer within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MetadataUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof TimeoutException) {
                throw unavailable("no answer within " + lookupTimeout.toMillis() + " ms");
            }
            throw unavailable(describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        } finally {
            waiting.release();
        }
    }

    /** The look-up in flight, or a new one; it forgets itself when done, so failures are retried. */
    private CompletableFuture<Identity> lookup() {
        CompletableFuture<Identity> mine = new CompletableFuture<>();
        CompletableFuture<Identity> current = inFlight.compareAndExchange(null, mine);
        if (current != null) {
            return current;
        }
        CompletableFuture<Identity> fetch;
        try {
            fetch = fetchIdentity();
        } catch (RuntimeException e) { // a request that cannot even be built must not stay in flight
            fetch = CompletableFuture.failedFuture(e);
        }
        fetch.orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((identity, failure) -> {
                    if (identity != null) {
                        known.set(identity);
                    }
                    inFlight.set(null);
                    if (failure != null) {
                        mine.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
                    } else {
                        mine.complete(identity);
                    }
                });
        return mine;
    }

    private CompletableFuture<Identity> fetchIdentity() {
        HttpRequest tokenRequest = request(TOKEN_PATH)
                .header(TOKEN_TTL_HEADER, "21600")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        return client().sendAsync(tokenRequest, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            int status = response.statusCode();
            if (status == 200 && !response.body().isBlank()) {
                return fetchWithToken(Optional.of(response.body().strip()));
            }
            if (status == 403 || status == 404 || status == 405) {
                return fetchWithToken(Optional.empty()); // no tokens here: version 1
            }
            return CompletableFuture.failedFuture(
                    unavailable("the token request " + TOKEN_PATH + " was answered HTTP " + status));
        });
    }

    private CompletableFuture<Identity> fetchWithToken(Optional<String> token) {
        return get(INSTANCE_ID_PATH, token).thenCompose(idResponse -> {
            if (idResponse.statusCode() != 200 || idResponse.body().isBlank()) {
                return CompletableFuture.failedFuture(unavailable(
                        INSTANCE_ID_PATH + " was answered HTTP " + idResponse.statusCode()));
            }
            String instanceId = idResponse.body().strip();
            // The zone only decorates the home page: without it we still know the instance.
            return get(ZONE_PATH, token)
                    .handle((zoneResponse, failure) -> new Identity(instanceId, zoneOf(zoneResponse)));
        });
    }

    private static Optional<String> zoneOf(HttpResponse<String> response) {
        if (response == null || response.statusCode() != 200 || response.body().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(response.body().strip());
    }

    private CompletableFuture<HttpResponse<String>> get(String path, Optional<String> token) {
        HttpRequest.Builder builder = request(path).GET();
        token.ifPresent(value -> builder.header(TOKEN_HEADER, value));
        return client().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(endpoint.resolve(path)).timeout(lookupTimeout);
    }

    private MetadataUnavailableException unavailable(String why) {
        return new MetadataUnavailableException(
                "the instance metadata service at " + endpoint + " did not give this instance's id: " + why
                        + ". Off EC2, this is expected.");
    }

    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "could not connect in time";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof TimeoutException) {
                return "no answer in time";
            }
            if (t instanceof java.net.ConnectException) {
                return "could not connect (" + (t.getMessage() == null ? "connection refused" : t.getMessage()) + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
