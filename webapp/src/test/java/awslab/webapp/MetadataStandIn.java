package awslab.webapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local stand-ins for the EC2 instance metadata service, on 127.0.0.1:
 * one that requires v2 tokens, one that only speaks v1, one that never answers, and none.
 */
abstract class MetadataStandIn implements AutoCloseable {
    static final String INSTANCE_ID = "i-0123456789abcdef0";
    static final String ZONE = "us-east-1a";
    static final String TOKEN = "AQAEAtoken-for-tests==";

    abstract URI endpoint();

    @Override
    public abstract void close();

    /** IMDS with HttpTokens=required: token first, every GET must carry it. */
    static Speaking requiringTokens() {
        return new Speaking(true);
    }

    /** An old or emulated IMDS: no token API (PUT gives 404), plain GETs. */
    static Speaking versionOneOnly() {
        return new Speaking(false);
    }

    /** A port that accepts connections (the kernel does) but never sends a byte back. */
    static MetadataStandIn silent() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new MetadataStandIn() {
                URI endpoint() {
                    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
                }

                public void close() {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No metadata service at all: a loopback port nobody listens on. */
    static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stand-in that answers, and records every request as "METHOD path". */
    static final class Speaking extends MetadataStandIn {
        final List<String> requests = new CopyOnWriteArrayList<>();
        /** How many token requests to answer 500 before behaving (an IMDS having a bad moment). */
        final java.util.concurrent.atomic.AtomicInteger tokenFailures = new java.util.concurrent.atomic.AtomicInteger();
        private final boolean tokensRequired;
        private final HttpServer server;

        private Speaking(boolean tokensRequired) {
            this.tokensRequired = tokensRequired;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        @Override
        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            String token = exchange.getRequestHeaders().getFirst(InstanceMetadata.TOKEN_HEADER);
            if (path.equals(InstanceMetadata.TOKEN_PATH)) {
                if (tokenFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    reply(exchange, 500, "Internal Server Error");
                } else if (!tokensRequired) {
                    reply(exchange, 404, "Not Found");
                } else if (!method.equals("PUT")) {
                    reply(exchange, 405, "Method Not Allowed");
                } else if (exchange.getRequestHeaders().getFirst(InstanceMetadata.TOKEN_TTL_HEADER) == null) {
                    reply(exchange, 400, "Missing TTL");
                } else {
                    reply(exchange, 200, TOKEN);
                }
            } else if (!method.equals("GET")) {
                reply(exchange, 405, "Method Not Allowed");
            } else if (tokensRequired && !TOKEN.equals(token)) {
                reply(exchange, 401, "Unauthorized");
            } else if (path.equals(InstanceMetadata.INSTANCE_ID_PATH)) {
                reply(exchange, 200, INSTANCE_ID);
            } else if (path.equals(InstanceMetadata.ZONE_PATH)) {
                reply(exchange, 200, ZONE);
            } else {
                reply(exchange, 404, "Not Found");
            }
        }

        private static void reply(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
