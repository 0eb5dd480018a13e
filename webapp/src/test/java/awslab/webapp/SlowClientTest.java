package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly or stop halfway ("slowloris"): each is bounded, and together they
 * cannot take every thread from the others.
 */
class SlowClientTest {
    private static final String HALF_A_POST = "POST /task HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 60\r\n\r\n{\"description\":";

    @Test
    void aBodyThatStopsComingIs408WithinTheBodyTimeout() throws Exception {
        try (RunningWebApp app = start(Duration.ofSeconds(1)); Socket socket = connect(app, HALF_A_POST)) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.read(socket, false, start, start + Duration.ofSeconds(10).toNanos());
            assertEquals(408, answer.status(), answer.text());
            assertTrue(answer.text().contains("the request body did not arrive in time"), answer.text());
        }
    }

    @Test
    void aBodyTricklingInIsBoundedAsAWhole() throws Exception {
        try (RunningWebApp app = start(Duration.ofSeconds(1)); Socket socket = connect(app, HALF_A_POST)) {
            long start = System.nanoTime();
            // A byte every 200 ms never leaves the connection idle, yet the whole body is late.
            for (int i = 0; i < 20 && !answered(socket); i++) {
                socket.getOutputStream().write(' ');
                Thread.sleep(200);
            }
            RawHttp.Answer answer = RawHttp.read(socket, false, start, start + Duration.ofSeconds(10).toNanos());
            assertEquals(408, answer.status(), answer.text());
        }
    }

    @Test
    void stalledBodiesAndHeadersLeaveThreadsForEveryoneElse() throws Exception {
        // A long body timeout: the others must be answered while the stalled requests wait,
        // not after they time out.
        try (RunningWebApp app = start(Duration.ofSeconds(60))) {
            List<Socket> bodies = new ArrayList<>();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    bodies.add(connect(app, HALF_A_POST));
                    stalled.add(connect(app, "GET /task HTTP/1.1\r\nHost: x\r\nX-Slow: "));
                }
                stalled.addAll(bodies);
                Http http = new Http(app.uri()); // each request bounded by 10 s
                assertEquals(200, http.get("/task").status());
                assertEquals(200, http.get("/health").status());
                assertEquals(201, http.post("/task", "{\"description\":\"pendant\",\"user\":\"u\"}").status(),
                        "a body sent whole needs no wait");
                int refused = 0;
                for (Socket socket : bodies) {
                    refused += answered(socket) ? 1 : 0;
                }
                assertTrue(refused >= 20 - 8 / 4, refused + " stalled bodies were refused at once (429), all but a quarter of the threads' worth");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    private static RunningWebApp start(Duration bodyTimeout) {
        return WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort())
                .withLimits(TestLimits.bodyTimeout(bodyTimeout)));
    }

    private static Socket connect(RunningWebApp app, String start) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port());
        socket.getOutputStream().write(start.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whether the server has sent something (429 or 408) on {@code socket}, waiting up to 100 ms. */
    private static boolean answered(Socket socket) throws IOException {
        socket.setSoTimeout(100);
        try {
            return socket.getInputStream().available() > 0 || socket.getInputStream().read() >= 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }
}
