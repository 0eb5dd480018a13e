package awslab.reach;

import awslab.api.Reachability;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebServiceProbeTest {
    /** The seed answer of the lab web service (DESIGN.md); the lead may switch this to the real service at merge. */
    static final String SEED_JSON = "{\"Count\": 4, \"Tasks\": [{\"id\":1,\"description\":\"Préparer le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":2,\"description\":\"Ajouter des gif\",\"user\":\"Rémi\"},{\"id\":3,\"description\":\"Donner le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":4,\"description\":\"???\",\"user\":\"Rémi\"}]}";

    private static Reachability to(URI uri) {
        return new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return Optional.of(uri);
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return Optional.empty();
            }
        };
    }

    @Test
    void readsTheSeedTasksOverLoopbackHttp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/task", exchange -> {
            byte[] bytes = SEED_JSON.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            WebServiceProbe.Answer answer = new WebServiceProbe(to(base)).probe("i-1", "192.0.2.1");
            assertEquals(WebServiceProbe.Status.ANSWERS, answer.status());
            assertEquals(WebServiceProbe.SEED_DESCRIPTIONS, answer.descriptions());
            assertTrue(answer.hasSeedTasks());
            assertEquals(base.resolve("/task"), answer.uri().orElseThrow());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void saysAtOnceWhenTheTargetCannotReachInstances() {
        Instant start = Instant.now();
        WebServiceProbe.Answer answer = new WebServiceProbe(Reachability.NONE).waitUntilAnswers("i-1", "54.1.2.3", 50, Duration.ofSeconds(1), () -> {});
        assertEquals(WebServiceProbe.Status.CANNOT_CHECK, answer.status());
        assertTrue(Duration.between(start, Instant.now()).toMillis() < 500);
    }

    @Test
    void givesUpWithinItsBoundOnAClosedPort() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebServiceProbe probe = new WebServiceProbe(to(URI.create("http://127.0.0.1:" + port + "/")), Duration.ofMillis(500));
        int[] retries = {0};
        WebServiceProbe.Answer answer = probe.waitUntilAnswers("i-1", null, 3, Duration.ofMillis(10), () -> retries[0]++);
        assertEquals(WebServiceProbe.Status.NO_ANSWER, answer.status());
        assertEquals(2, retries[0]);
    }

    @Test
    void awsReachabilityUsesThePublicAddress() {
        Reachability aws = new PublicAddressReachability();
        assertEquals(Optional.of(URI.create("http://203.0.113.9/")), aws.webService("i-1", "203.0.113.9"));
        assertEquals(22, aws.ssh("i-1", "203.0.113.9").orElseThrow().getPort());
        assertEquals(Optional.empty(), aws.webService("i-1", null), "a stopped instance has no address");
        assertEquals(Optional.of(URI.create("http://lb.example/")), aws.loadBalancer("lb.example"));
    }
}
