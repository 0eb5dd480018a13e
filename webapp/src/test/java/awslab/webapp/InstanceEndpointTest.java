package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /instance} and the home page against local stand-ins of the instance metadata service. */
class InstanceEndpointTest {

    private static RunningWebApp startWith(URI metadataEndpoint) {
        return WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(metadataEndpoint));
    }

    @Test
    void asksForATokenFirstWhereTokensAreRequired() {
        try (MetadataStandIn.Speaking imds = MetadataStandIn.requiringTokens();
                RunningWebApp app = startWith(imds.endpoint())) {
            Http http = new Http(app.uri());
            Http.Reply reply = http.get("/instance");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("{\"instanceId\":\"" + MetadataStandIn.INSTANCE_ID + "\"}", reply.body());
            assertEquals("application/json;charset=utf-8", reply.contentType().replace(" ", "").toLowerCase());
            assertEquals(List.of("PUT " + InstanceMetadata.TOKEN_PATH, "GET " + InstanceMetadata.INSTANCE_ID_PATH,
                    "GET " + InstanceMetadata.ZONE_PATH), imds.requests);

            // Known once, remembered: the next calls do not ask again.
            for (int i = 0; i < 5; i++) {
                assertEquals(reply.body(), http.get("/instance").body());
            }
            assertEquals(3, imds.requests.size());

            String home = http.get("/").body();
            assertTrue(home.contains(MetadataStandIn.INSTANCE_ID) && home.contains(MetadataStandIn.ZONE), home);
        }
    }

    @Test
    void fallsBackToVersionOneWhereThereIsNoTokenApi() {
        try (MetadataStandIn.Speaking imds = MetadataStandIn.versionOneOnly();
                RunningWebApp app = startWith(imds.endpoint())) {
            Http.Reply reply = new Http(app.uri()).get("/instance");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(MetadataStandIn.INSTANCE_ID, reply.json().get("instanceId").getAsString());
            assertEquals(List.of("PUT " + InstanceMetadata.TOKEN_PATH, "GET " + InstanceMetadata.INSTANCE_ID_PATH,
                    "GET " + InstanceMetadata.ZONE_PATH), imds.requests);
        }
    }

    @Test
    void remembersTheIdAfterTheMetadataServiceGoesAway() {
        MetadataStandIn.Speaking imds = MetadataStandIn.requiringTokens();
        try (RunningWebApp app = startWith(imds.endpoint())) {
            Http http = new Http(app.uri());
            assertEquals(200, http.get("/instance").status());
            imds.close();
            assertEquals(MetadataStandIn.INSTANCE_ID, http.get("/instance").json().get("instanceId").getAsString());
        } finally {
            imds.close();
        }
    }

    @Test
    void aSilentMetadataServiceFailsFastAndBlocksNothingElse() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(30);
        try (MetadataStandIn imds = MetadataStandIn.silent(); RunningWebApp app = startWith(imds.endpoint())) {
            Http http = new Http(app.uri());
            long start = System.nanoTime();
            List<CompletableFuture<Http.Reply>> lookups = new ArrayList<>();
            for (int i = 0; i < 30; i++) { // more than Jetty's 16 threads
                lookups.add(CompletableFuture.supplyAsync(() -> http.get("/instance"), clients));
            }
            // While /instance calls wait on the silent service, /task answers at once.
            for (int i = 0; i < 20; i++) {
                long taskStart = System.nanoTime();
                assertEquals(200, http.get("/task").status());
                assertTrue(elapsed(taskStart).toMillis() < 500, "/task took " + elapsed(taskStart).toMillis() + " ms");
            }
            assertTrue(lookups.stream().anyMatch(lookup -> !lookup.isDone()), "the lookups were still waiting");
            int waited = 0;
            for (CompletableFuture<Http.Reply> lookup : lookups) {
                Http.Reply reply = lookup.get(10, TimeUnit.SECONDS);
                String detail = ErrorAssert.jsonError(reply, 503, "did not give this instance's id").get("detail").getAsString();
                assertTrue(detail.contains("no answer within") || detail.contains("a look-up is under way"), detail);
                waited += detail.contains("no answer within") ? 1 : 0;
            }
            // 16 threads / 4 = 4 waiters per look-up; a slow machine may see a second look-up start.
            assertTrue(waited >= 1 && waited <= 8, "only a few requests wait on a look-up: " + waited);
            Duration all = elapsed(start);
            assertTrue(all.toMillis() < 3500, "every /instance answered fast, took " + all.toMillis() + " ms");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void noMetadataServiceAtAllIsAClearErrorAtOnce() {
        URI nobody = MetadataStandIn.closedPort();
        try (RunningWebApp app = startWith(nobody)) {
            Http http = new Http(app.uri());
            long start = System.nanoTime();
            ErrorAssert.jsonError(http.get("/instance"), 503,
                    "the instance metadata service at " + nobody + " did not give this instance's id: could not connect");
            assertTrue(elapsed(start).toMillis() < 1500, "took " + elapsed(start).toMillis() + " ms");

            long home = System.nanoTime();
            Http.Reply page = http.get("/");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("unknown"), page.body());
            assertTrue(elapsed(home).toMillis() < 1000, "the home page never waits long");
        }
    }

    @Test
    void aFailedLookupIsNotRememberedAndTheNextRequestAsksAgain() {
        try (MetadataStandIn.Speaking imds = MetadataStandIn.requiringTokens();
                RunningWebApp app = startWith(imds.endpoint())) {
            imds.tokenFailures.set(1);
            Http http = new Http(app.uri());
            ErrorAssert.jsonError(http.get("/instance"), 503, "the token request /latest/api/token was answered HTTP 500");
            Http.Reply reply = http.get("/instance");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(MetadataStandIn.INSTANCE_ID, reply.json().get("instanceId").getAsString());
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
