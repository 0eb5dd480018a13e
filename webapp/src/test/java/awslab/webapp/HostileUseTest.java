package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's web-service defects, driven the way the week of hostile use found them: the
 * service in its own JVM with an instance's flags (webapp/jvm.options), over real HTTP.
 */
class HostileUseTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    /** The largest task kept: 1,000 and 100 characters, each two bytes in UTF-8. */
    private static final String LARGEST = "{\"description\":\"" + "é".repeat(WebAppConfig.Limits.MAX_DESCRIPTION - 5)
            + "%05d\",\"user\":\"" + "ü".repeat(WebAppConfig.Limits.MAX_USER) + "\"}";

    @Test
    void aThousandPostsOf60KbNoLongerFillTheHeap() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.instanceFlags(), Map.of())) {
            Http http = new Http(service.uri());
            String sixtyKb = "{\"description\":\"" + "x".repeat(60 * 1024) + "\",\"user\":\"mallory\"}";
            for (int i = 0; i < 1_000; i++) {
                ErrorAssert.jsonError(http.post("/task", sixtyKb), 422, "is 61440 characters long; at most 1000 are kept");
            }
            assertEquals(TaskApiTest.SEED_JSON, http.get("/task").body(), "nothing was kept");

            // The most the list keeps, then one more: 409, and everything still answers.
            int created = 0;
            Http.Reply reply = http.post("/task", LARGEST.formatted(0));
            for (int i = 1; reply.status() == 201 && i <= 2_000; i++) {
                created++;
                reply = http.post("/task", LARGEST.formatted(i));
            }
            ErrorAssert.jsonError(reply, 409, "the task list is full (10000 tasks, 1048576 bytes of JSON at most)");
            assertTrue(created > 400, "a full list holds " + created + " of the largest tasks");
            Http.Reply all = http.get("/task");
            assertEquals(200, all.status());
            assertEquals(4 + created, all.json().get("Count").getAsInt());
            assertTrue(all.body().getBytes(StandardCharsets.UTF_8).length <= WebAppConfig.Limits.DEFAULT.maxStoreBytes() + 100);
            assertEquals(200, http.get("/health").status());

            assertEquals(200, http.delete("/task/5").status());
            assertEquals(201, http.post("/task", LARGEST.formatted(9_999)).status(), "a deletion makes room");
            assertTrue(service.isAlive());
            assertEquals("", service.output(), "the service printed nothing: no stack trace either");
        }
    }

    @Test
    void malformedEscapesQueriesAndNumbersAre400Not500() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.instanceFlags(), Map.of())) {
            for (String target : List.of("/task/%ff", "/task?user=%ff", "/task?user=%zz", "/task?user=%", "/task/%e9")) {
                RawHttp.Answer answer = RawHttp.send(service.port(), get(target), false, BOUND);
                assertEquals(400, answer.status(), target + ": " + answer.text());
                assertTrue(answer.text().contains("a %-escape in its path or query is malformed or not UTF-8"), answer.text());
                assertFalse(CorpusRun.JAVA.matcher(answer.text()).find(), answer.text());
            }
            Http http = new Http(service.uri());
            ErrorAssert.jsonError(http.get("/task/1e999999"), 400, "the task id must be an integer, not '1e999999'");
            for (String id : List.of("1e999999", "-1e999999", "1e9999999999", "1" + "0".repeat(45))) {
                Http.Reply reply = http.put("/task/1", "{\"id\":" + id + ",\"description\":\"x\",\"user\":\"y\"}");
                ErrorAssert.jsonError(reply, 422, "field 'id'");
            }
            // Gson's strict reader takes a number literal this long for malformed JSON.
            ErrorAssert.jsonError(http.put("/task/1", "{\"id\":1" + "0".repeat(5000) + ",\"description\":\"x\",\"user\":\"y\"}"),
                    400, "not valid JSON");
            assertEquals(200, http.get("/health").status(), "refusals are not failures");
        }
    }

    /**
     * A heap too small for the bounds (6 MB; an instance has 64) runs out of memory for real
     * while the list fills: /health and / turn 503 with the reason, so the load balancer
     * replaces the instance, and no answer shows a Java name.
     */
    @Test
    void healthTurns503AfterAnOutOfMemoryError() throws Exception {
        List<String> flags = Stream.concat(ServiceProcess.instanceFlags().stream().filter(f -> !f.startsWith("-Xm")),
                Stream.of("-Xms6m", "-Xmx6m")).collect(Collectors.toList());
        try (ServiceProcess service = ServiceProcess.start(flags, Map.of())) {
            Http http = new Http(service.uri());
            assertEquals(200, http.get("/health").status());
            Http.Reply health = http.get("/health");
            for (int i = 0; i < 2_000 && health.status() == 200; i++) {
                Http.Reply reply = i % 20 == 0 ? http.get("/task") : http.post("/task", LARGEST.formatted(i));
                assertFalse(CorpusRun.JAVA.matcher(reply.body()).find(), reply.body());
                assertEquals("application/json;charset=utf-8", reply.contentType().replace(" ", "").toLowerCase(), reply.body());
                health = http.get("/health");
            }
            ErrorAssert.jsonError(health, 503, "the service ran out of memory; replace it");
            ErrorAssert.jsonError(http.get("/"), 503, "ran out of memory");
            ErrorAssert.jsonError(http.get("/health"), 503, "ran out of memory"); // it stays so
        }
    }

    private static byte[] get(String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
