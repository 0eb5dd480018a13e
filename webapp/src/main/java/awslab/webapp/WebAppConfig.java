package awslab.webapp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one lab web service listens and where it asks for its instance's identity.
 *
 * <pre>{@code
 * WebAppConfig onInstance = WebAppConfig.defaults();                 // 0.0.0.0:80, real IMDS
 * WebAppConfig inTests = WebAppConfig.loopback()                     // 127.0.0.1, free port
 *         .withMetadataEndpoint(URI.create("http://127.0.0.1:" + imdsPort));
 * }</pre>
 *
 * @param bindAddress where to listen ({@code 0.0.0.0} for all interfaces)
 * @param port TCP port, {@code 0} for any free port (read it back from {@link RunningWebApp#port()})
 * @param metadataEndpoint base URI of the instance metadata service, without path
 * @param metadataConnectTimeout bound on opening a connection to the metadata service
 * @param metadataTimeout bound on a whole identity look-up (token, instance id, zone)
 * @param maxThreads Jetty's thread pool size
 * @param limits what one client may ask of the service: body size and time, tasks kept
 */
public record WebAppConfig(
        String bindAddress,
        int port,
        URI metadataEndpoint,
        Duration metadataConnectTimeout,
        Duration metadataTimeout,
        int maxThreads,
        Limits limits) {

    /** The AWS SDKs' variable naming the metadata service endpoint; we honour the same one. */
    public static final String METADATA_ENDPOINT_ENV = "AWS_EC2_METADATA_SERVICE_ENDPOINT";

    /** The instance metadata service as every EC2 instance sees it. */
    public static final URI EC2_METADATA_ENDPOINT = URI.create("http://169.254.169.254");

    /** Port 9 (discard) of loopback: nobody listens there, so look-ups fail at once, locally. */
    static final URI NO_METADATA_ENDPOINT = URI.create("http://127.0.0.1:9");

    public WebAppConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(metadataEndpoint, "metadataEndpoint");
        Objects.requireNonNull(metadataConnectTimeout, "metadataConnectTimeout");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        String scheme = metadataEndpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || metadataEndpoint.getHost() == null) {
            throw new IllegalArgumentException("metadata endpoint must be an http:// URL with a host: " + metadataEndpoint);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxThreads < 8) {
            // Jetty needs an acceptor and a selector besides the request threads.
            throw new IllegalArgumentException("maxThreads must be at least 8: " + maxThreads);
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** What an instance runs: port 80 on all interfaces, metadata endpoint from the environment. */
    public static WebAppConfig defaults() {
        return defaults(System.getenv());
    }

    /** As {@link #defaults()}, reading {@value #METADATA_ENDPOINT_ENV} from {@code env}. */
    public static WebAppConfig defaults(Map<String, String> env) {
        String fromEnv = env.get(METADATA_ENDPOINT_ENV);
        URI endpoint = fromEnv == null || fromEnv.isBlank() ? EC2_METADATA_ENDPOINT : URI.create(fromEnv.strip());
        // 8 threads (Jetty's minimum here): on a 1-vCPU t2.micro more threads only add context
        // switches — at 50 connections 16 threads doubled the p99 (45 ms vs 24 ms, bench/webapp).
        return new WebAppConfig(
                "0.0.0.0", 80, endpoint, Duration.ofMillis(500), Duration.ofMillis(1500), 8, Limits.DEFAULT);
    }

    /**
     * For tests and the sandbox: 127.0.0.1 on a free port, and no metadata service until one is
     * set with {@link #withMetadataEndpoint} (a closed loopback port: nothing leaves the machine).
     */
    public static WebAppConfig loopback() {
        return defaults(Map.of()).withBindAddress("127.0.0.1").withPort(0).withMetadataEndpoint(NO_METADATA_ENDPOINT);
    }

    public WebAppConfig withBindAddress(String newBindAddress) {
        return new WebAppConfig(newBindAddress, port, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, limits);
    }

    public WebAppConfig withPort(int newPort) {
        return new WebAppConfig(bindAddress, newPort, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, limits);
    }

    public WebAppConfig withMetadataEndpoint(URI newEndpoint) {
        return new WebAppConfig(bindAddress, port, newEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, limits);
    }

    public WebAppConfig withMetadataTimeouts(Duration connectTimeout, Duration lookupTimeout) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, connectTimeout,
                lookupTimeout, maxThreads, limits);
    }

    public WebAppConfig withMaxThreads(int newMaxThreads) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, newMaxThreads, limits);
    }

    public WebAppConfig withLimits(Limits newLimits) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, newLimits);
    }

    /**
     * What the service accepts and keeps, so that no client can exhaust a t2.micro's 64 MB heap
     * (webapp/jvm.options); the reasons for each number are in webapp/README.md.
     *
     * @param maxBodyBytes largest request body; bigger ones get 413
     * @param bodyTimeout time a request body may take to arrive, and each part of an answer to
     *     leave; slower clients get 408 or are cut off, so they cannot hold Jetty's few threads
     * @param maxTasks most tasks kept; a task more gets 409
     * @param maxStoreBytes most bytes that the JSON of all tasks may take; more gets 409
     */
    public record Limits(int maxBodyBytes, Duration bodyTimeout, int maxTasks, int maxStoreBytes) {
        /** Longest description and user name, in characters (code points); longer gets 422. */
        public static final int MAX_DESCRIPTION = 1000;
        public static final int MAX_USER = 100;

        /** 64 KiB bodies within 10 s; 10,000 tasks and 1 MiB of them. */
        public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(10), 10_000, 1 << 20);

        public Limits {
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            // Room for the four seed tasks (236 bytes of JSON), and a positive body and time.
            if (maxBodyBytes < 1 || bodyTimeout.toMillis() < 1 || maxTasks < 4 || maxStoreBytes < 1024) {
                throw new IllegalArgumentException("limits too small");
            }
        }
    }
}
