package awslab.fleet.check;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stand-in for a load balancer and its targets, all on 127.0.0.1: one HTTP server per
 * "instance" answering {@code /instance} like the lab's web service, and a front server that
 * forwards each request to the next one in turn (round robin), over real sockets.
 */
final class LocalRoundRobin implements AutoCloseable {
    private final List<HttpServer> backends = new ArrayList<>();
    private final HttpServer front;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalRoundRobin(List<String> instanceIds) {
        List<URI> targets = new ArrayList<>();
        for (String id : instanceIds) {
            HttpServer backend = server();
            backend.createContext("/instance", exchange -> {
                byte[] body = ("{\"instanceId\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            backend.start();
            backends.add(backend);
            targets.add(URI.create("http://127.0.0.1:" + backend.getAddress().getPort()));
        }
        AtomicInteger next = new AtomicInteger();
        front = server();
        front.createContext("/", exchange -> {
            URI target = targets.get(Math.floorMod(next.getAndIncrement(), targets.size())).resolve(exchange.getRequestURI());
            byte[] body;
            int status;
            try {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                body = answer.body();
                status = answer.statusCode();
            } catch (IOException | InterruptedException e) {
                body = new byte[0];
                status = 502;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        front.start();
    }

    /** Where the "load balancer" listens. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + front.getAddress().getPort() + "/");
    }

    private static HttpServer server() {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        front.stop(0);
        backends.forEach(b -> b.stop(0));
    }
}
