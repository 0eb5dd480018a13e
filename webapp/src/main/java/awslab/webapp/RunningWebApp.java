package awslab.webapp;

import java.net.URI;
import spark.Service;

/**
 * A started lab web service; {@link #close()} stops it and frees its port.
 *
 * <pre>{@code
 * try (RunningWebApp app = WebApp.start(WebAppConfig.loopback())) {
 *     URI tasks = app.uri().resolve("/task");
 * }
 * }</pre>
 */
public final class RunningWebApp implements AutoCloseable {
    private final Service service;
    private final String bindAddress;
    private final int port;
    private boolean closed;

    RunningWebApp(Service service, String bindAddress, int port) {
        this.service = service;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /** The TCP port it listens on (the one chosen when the configuration said 0). */
    public int port() {
        return port;
    }

    /** Its Spark service: tests map a failing route on it, to see {@code /health} turn 503. */
    Service service() {
        return service;
    }

    /** Its base URI, e.g. {@code http://127.0.0.1:8080/}; a wildcard bind is reached by loopback. */
    public URI uri() {
        String host = switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        };
        return URI.create("http://" + host + ":" + port + "/");
    }

    /** Stops listening and waits until the port is free; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        service.stop();
        service.awaitStop();
    }
}
