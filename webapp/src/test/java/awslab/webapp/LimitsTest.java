package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.webapp.WebAppConfig.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds of webapp/README.md ("Limits"), at their edges, over real HTTP. */
class LimitsTest {
    @Test
    void theListHoldsAtMostMaxTasks() {
        try (RunningWebApp app = start(TestLimits.store(6, 1 << 20))) {
            Http http = new Http(app.uri());
            assertEquals(201, http.post("/task", task("cinq", "u")).status());
            assertEquals(201, http.post("/task", task("six", "u")).status());
            ErrorAssert.jsonError(http.post("/task", task("sept", "u")), 409,
                    "the task list is full (6 tasks, 1048576 bytes of JSON at most); delete tasks to make room");
            ErrorAssert.jsonError(http.put("/task/99", task("sept", "u")), 409, "the task list is full (6 tasks");
            assertEquals(200, http.put("/task/6", task("six (bis)", "u")).status(), "replacing needs no room");
            assertEquals(200, http.delete("/task/1").status());
            assertEquals(201, http.post("/task", task("sept", "u")).status(), "a deletion makes room");
            assertEquals(6, http.get("/task").json().get("Count").getAsInt());
        }
    }

    @Test
    void theListHoldsAtMostMaxStoreBytesOfJson() {
        int limit = 1024; // the seeds take 236 bytes of it
        try (RunningWebApp app = start(TestLimits.store(10_000, limit))) {
            Http http = new Http(app.uri());
            Http.Reply reply = http.post("/task", task("x".repeat(100), "u"));
            int created = 0;
            while (reply.status() == 201 && created < 20) {
                created++;
                reply = http.post("/task", task("x".repeat(100), "u"));
            }
            ErrorAssert.jsonError(reply, 409, "the task list is full (10000 tasks, 1024 bytes of JSON at most)");
            assertEquals(5, created, "236 + 5 × 136 bytes fit in 1024, a sixth does not");
            assertEquals(200, http.put("/task/5", task("short", "u")).status(), "a smaller replacement fits");
            ErrorAssert.jsonError(http.put("/task/5", task("x".repeat(300), "u")), 409, "1024 bytes of JSON at most");
            String all = http.get("/task").body();
            assertTrue(all.getBytes(StandardCharsets.UTF_8).length <= limit + 30, all.length() + " bytes");
        }
    }

    @Test
    void fieldsHaveAMaximumLengthInCharacters() {
        try (RunningWebApp app = start(Limits.DEFAULT)) {
            Http http = new Http(app.uri());
            assertEquals(201, http.post("/task", task("é".repeat(1000), "ü".repeat(100))).status());
            assertEquals(201, http.post("/task", task("😀".repeat(1000), "😀".repeat(100))).status(), "an emoji is one character");
            ErrorAssert.jsonError(http.post("/task", task("é".repeat(1001), "u")), 422,
                    "field 'description' is 1001 characters long; at most 1000 are kept");
            ErrorAssert.jsonError(http.put("/task/2", task("d", "ü".repeat(101))), 422,
                    "field 'user' is 101 characters long; at most 100 are kept");
        }
    }

    @Test
    void bodiesThatAreNotUtf8Are400() throws Exception {
        try (RunningWebApp app = start(Limits.DEFAULT)) {
            byte[] latin1 = task("Préparer", "Rémi").getBytes(StandardCharsets.ISO_8859_1);
            byte[] head = ("POST /task HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + latin1.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = java.util.Arrays.copyOf(head, head.length + latin1.length);
            System.arraycopy(latin1, 0, request, head.length, latin1.length);
            RawHttp.Answer answer = RawHttp.send(app.port(), request, false, Duration.ofSeconds(10));
            assertEquals(400, answer.status(), answer.text());
            assertTrue(answer.text().contains("the request body is not valid UTF-8"), answer.text());
            assertEquals(4, new Http(app.uri()).get("/task").json().get("Count").getAsInt(), "nothing mangled was kept");
        }
    }

    @Test
    void limitsTooSmallForTheSeedsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TestLimits.store(3, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> TestLimits.store(10, 100));
        assertThrows(IllegalArgumentException.class, () -> TestLimits.bodyTimeout(Duration.ZERO));
    }

    private static RunningWebApp start(Limits limits) {
        return WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort()).withLimits(limits));
    }

    private static String task(String description, String user) {
        return "{\"description\":\"" + description + "\",\"user\":\"" + user + "\"}";
    }
}
