package awslab.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One instance's metadata service (IMDS), on its own loopback port: {@code PUT
 * /latest/api/token} gives a session token (IMDSv2), {@code GET /latest/meta-data/...} answers
 * with the token, or without it when the instance allows IMDSv1 (HttpTokens=optional).
 *
 * <pre>
 * MetadataServer imds = MetadataServer.start(() -> Map.of("instance-id", "i-1"), () -> true);
 * </pre>
 */
final class MetadataServer implements AutoCloseable {
    private static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    private final HttpServer server;
    private final Supplier<Map<String, String>> metadata;
    private final Supplier<Boolean> tokenRequired;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    private MetadataServer(HttpServer server, Supplier<Map<String, String>> metadata, Supplier<Boolean> tokenRequired) {
        this.server = server;
        this.metadata = metadata;
        this.tokenRequired = tokenRequired;
    }

    static MetadataServer start(Supplier<Map<String, String>> metadata, Supplier<Boolean> tokenRequired) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        MetadataServer imds = new MetadataServer(server, metadata, tokenRequired);
        server.createContext("/", imds::handle);
        server.start();
        return imds;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("PUT".equals(exchange.getRequestMethod()) && path.equals("/latest/api/token")) {
                String token = UUID.randomUUID().toString();
                tokens.add(token);
                reply(exchange, 200, token);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "");
                return;
            }
            String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (token != null && !tokens.contains(token) || token == null && tokenRequired.get()) {
                reply(exchange, 401, "");
                return;
            }
            String prefix = "/latest/meta-data/";
            if (!path.startsWith(prefix)) {
                reply(exchange, 404, "");
                return;
            }
            Map<String, String> values = metadata.get();
            String key = path.substring(prefix.length());
            if (key.isEmpty()) {
                reply(exchange, 200, String.join("\n", values.keySet()));
            } else if (values.get(key) != null) {
                reply(exchange, 200, values.get(key));
            } else {
                reply(exchange, 404, "");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
