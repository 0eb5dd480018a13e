package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** When the service says it cannot serve: {@link Health} alone, then over real HTTP. */
class HealthTest {
    @Test
    void failuresInARowMakeItUnhealthyUntilARequestIsAnswered() {
        Health health = new Health();
        assertNull(health.problem());
        health.failed(new IllegalStateException("bug"));
        health.failed(new IllegalStateException("bug"));
        assertNull(health.problem(), "two failures may be bad luck");
        health.failed(new IllegalStateException("bug"));
        assertEquals("the service failed its last 3 requests", health.problem());
        health.answered();
        assertNull(health.problem(), "a request answered: it serves again");
    }

    @Test
    void runningOutOfMemoryIsForGood() {
        Health health = new Health();
        health.failed(new OutOfMemoryError("Java heap space"));
        assertEquals("the service ran out of memory; replace it", health.problem());
        health.answered();
        assertEquals("the service ran out of memory; replace it", health.problem(), "its state is unknown: only a new instance is sure");
    }

    @Test
    void aHandlerThatKeepsFailingTurnsHealthAndTheHomePage503OverHttp() {
        try (RunningWebApp app = WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort()))) {
            // A route with a bug, on the service's own Spark: its failures go where a real bug's would.
            app.service().get("/bug", (request, response) -> {
                throw new IllegalStateException("a bug");
            });
            Http http = new Http(app.uri());
            for (int i = 0; i < Health.FAILURES_IN_A_ROW; i++) {
                ErrorAssert.jsonError(http.get("/bug"), 500, "internal error while handling GET /bug");
                assertEquals(i + 1 < Health.FAILURES_IN_A_ROW ? 200 : 503, http.get("/health").status(),
                        "/health after " + (i + 1) + " failures");
            }
            ErrorAssert.jsonError(http.get("/health"), 503, "the service failed its last 3 requests");
            ErrorAssert.jsonError(http.get("/"), 503, "the service failed its last 3 requests");

            assertEquals(200, http.get("/task").status());
            assertEquals(200, http.get("/health").status(), "a request answered: healthy again");
            ErrorAssert.jsonError(http.get("/task/abc"), 400, "must be an integer");
            assertEquals(200, http.get("/health").status(), "a refusal is an answer, not a failure");
        }
    }
}
