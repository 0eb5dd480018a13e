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
 * @param maxBodyBytes largest request body accepted; bigger ones get 413
 */
public record WebAppConfig(
        String bindAddress,
        int port,
        URI metadataEndpoint,
        Duration metadataConnectTimeout,
        Duration metadataTimeout,
        int maxThreads,
        int maxBodyBytes) {

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
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
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
                "0.0.0.0", 80, endpoint, Duration.ofMillis(500), Duration.ofMillis(1500), 8, 64 * 1024);
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
                metadataTimeout, maxThreads, maxBodyBytes);
    }

    public WebAppConfig withPort(int newPort) {
        return new WebAppConfig(bindAddress, newPort, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, maxBodyBytes);
    }

    public WebAppConfig withMetadataEndpoint(URI newEndpoint) {
        return new WebAppConfig(bindAddress, port, newEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, maxBodyBytes);
    }

    public WebAppConfig withMetadataTimeouts(Duration connectTimeout, Duration lookupTimeout) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, connectTimeout,
                lookupTimeout, maxThreads, maxBodyBytes);
    }

    public WebAppConfig withMaxThreads(int newMaxThreads) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, newMaxThreads, maxBodyBytes);
    }

    public WebAppConfig withMaxBodyBytes(int newMaxBodyBytes) {
        return new WebAppConfig(bindAddress, port, metadataEndpoint, metadataConnectTimeout,
                metadataTimeout, maxThreads, newMaxBodyBytes);
    }
}
