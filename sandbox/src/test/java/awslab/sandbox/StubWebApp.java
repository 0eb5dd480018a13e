package awslab.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the lab web service in the sandbox's tests (the real one is another developer's
 * module): the same command line ({@code --bind}, {@code --port}, {@code --metadata-endpoint}),
 * and {@code /health}, {@code /task} and {@code /instance} — the last one asking the instance's
 * metadata service with an IMDSv2 token, as the real service must.
 */
public final class StubWebApp {
    private StubWebApp() {}

    public static void main(String[] args) throws IOException {
        String bind = "127.0.0.1";
        int port = 8080;
        String metadata = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bind" -> bind = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--metadata-endpoint" -> metadata = args[i + 1];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        String imds = metadata;
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        server.createContext("/health", exchange -> reply(exchange, 200, "{\"status\":\"ok\"}"));
        server.createContext("/task", exchange -> reply(exchange, 200, "{\"Count\":0,\"Tasks\":[]}"));
        server.createContext("/instance", exchange -> {
            try {
                reply(exchange, 200, "{\"instanceId\":\"" + instanceId(imds) + "\"}");
            } catch (IOException e) {
                reply(exchange, 503, "{\"error\":\"no metadata\"}");
            }
        });
        server.createContext("/", exchange -> reply(exchange, 200, "{\"service\":\"stub\"}"));
        server.start();
    }

    private static String instanceId(String imds) throws IOException {
        HttpURLConnection put = (HttpURLConnection) new URL(imds + "/latest/api/token").openConnection();
        put.setRequestMethod("PUT");
        put.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", "60");
        put.setConnectTimeout(1000);
        put.setReadTimeout(1000);
        String token = new String(put.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        HttpURLConnection get = (HttpURLConnection) new URL(imds + "/latest/meta-data/instance-id").openConnection();
        get.setRequestProperty("X-aws-ec2-metadata-token", token);
        get.setConnectTimeout(1000);
        get.setReadTimeout(1000);
        return new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
