package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tasks API over real HTTP: the original service's JSON, with its bugs fixed. */
class TaskApiTest {
    static final String SEED_JSON = "{\"Count\":4,\"Tasks\":["
            + "{\"id\":1,\"description\":\"Préparer le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":2,\"description\":\"Ajouter des gif\",\"user\":\"Rémi\"},"
            + "{\"id\":3,\"description\":\"Donner le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":4,\"description\":\"???\",\"user\":\"Rémi\"}]}";

    private RunningWebApp app;
    private Http http;

    @BeforeEach
    void start() {
        // No metadata service is needed here: a closed loopback port keeps every call local.
        app = WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort()));
        http = new Http(app.uri());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void listsTheFourSeedTasksExactlyAsTheOriginalDid() {
        for (String path : new String[] {"/task", "/task/"}) {
            Http.Reply reply = http.get(path);
            assertEquals(200, reply.status(), path);
            assertEquals("application/json;charset=utf-8", reply.contentType().replace(" ", "").toLowerCase());
            assertEquals(SEED_JSON, reply.body(), path);
            assertNull(reply.header("Server"), "no server version is advertised");
        }
    }

    @Test
    void filtersByUserInUtf8() {
        assertEquals(SEED_JSON, http.get("/task?user=R%C3%A9mi").body());
        assertEquals(SEED_JSON, http.get("/task/?user=").body(), "a blank user means every task");
        JsonObject nobody = http.get("/task?user=Alice").json();
        assertEquals(0, nobody.get("Count").getAsInt());
        assertEquals(0, nobody.getAsJsonArray("Tasks").size());

        assertEquals(201, http.post("/task", "{\"description\":\"Réviser\",\"user\":\"Alice\"}").status());
        JsonObject alice = http.get("/task?user=Alice").json();
        assertEquals(1, alice.get("Count").getAsInt());
        assertEquals("Réviser", alice.getAsJsonArray("Tasks").get(0).getAsJsonObject().get("description").getAsString());
        assertEquals(4, http.get("/task?user=R%C3%A9mi").json().get("Count").getAsInt());
    }

    @Test
    void getsOneTaskById() {
        Http.Reply reply = http.get("/task/2");
        assertEquals(200, reply.status());
        assertEquals("{\"id\":2,\"description\":\"Ajouter des gif\",\"user\":\"Rémi\"}", reply.body());
    }

    @Test
    void createsWithTheNextIdOnBothPaths() {
        Http.Reply created = http.post("/task", "{\"description\":\"Corriger les TP\",\"user\":\"Rémi\"}");
        assertEquals(201, created.status());
        assertEquals("{\"id\":5,\"description\":\"Corriger les TP\",\"user\":\"Rémi\"}", created.body());
        assertEquals("/task/5", created.header("Location"));
        assertEquals(created.body(), http.get("/task/5").body());

        Http.Reply slash = http.post("/task/", "{\"description\":\"Noter\",\"user\":\"Rémi\",\"id\":99,\"extra\":true}");
        assertEquals(201, slash.status());
        assertEquals(6, slash.json().get("id").getAsInt(), "on POST the server picks the id");
        assertEquals(6, http.get("/task").json().get("Count").getAsInt());
    }

    @Test
    void putUpdatesAnExistingTaskOrCreatesOneWithThatId() {
        Http.Reply updated = http.put("/task/3", "{\"description\":\"Donner le cours (bis)\",\"user\":\"Rémi\"}");
        assertEquals(200, updated.status());
        assertEquals("{\"id\":3,\"description\":\"Donner le cours (bis)\",\"user\":\"Rémi\"}", updated.body());
        assertEquals(updated.body(), http.get("/task/3").body());

        Http.Reply created = http.put("/task/42", "{\"id\":42,\"description\":\"Loin\",\"user\":\"Bob\"}");
        assertEquals(201, created.status());
        assertEquals(42, created.json().get("id").getAsInt());
        assertEquals(5, http.post("/task", "{\"description\":\"Après\",\"user\":\"Bob\"}").json().get("id").getAsInt());
        assertEquals(201, http.put("/task/6", "{\"description\":\"Pris\",\"user\":\"Bob\"}").status());
        assertEquals(7, http.post("/task", "{\"description\":\"Ensuite\",\"user\":\"Bob\"}").json().get("id").getAsInt(),
                "a POST steps over an id a PUT took");
        assertEquals(8, http.get("/task").json().get("Count").getAsInt());
    }

    @Test
    void deletesThenSaysTheTaskIsGone() {
        Http.Reply deleted = http.delete("/task/1");
        assertEquals(200, deleted.status());
        assertEquals("Préparer le cours", deleted.json().get("description").getAsString());
        ErrorAssert.jsonError(http.get("/task/1"), 404, "no task with id 1");
        ErrorAssert.jsonError(http.delete("/task/1"), 404, "no task with id 1");
        assertEquals(3, http.get("/task").json().get("Count").getAsInt());
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        Http.Reply reply = http.method("HEAD", "/task", null);
        assertEquals(200, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void healthAndHomePageAnswer200() {
        Http.Reply health = http.get("/health");
        assertEquals(200, health.status());
        assertEquals("{\"status\":\"ok\"}", health.body());

        Http.Reply home = http.get("/");
        assertEquals(200, home.status());
        assertTrue(home.contentType().startsWith("text/html"), home.contentType());
        assertTrue(home.body().contains("awslab web service"), home.body());
        assertTrue(home.body().contains("unknown"), "off EC2 the page says the instance is unknown");
    }

    @Test
    void concurrentWritesLoseNothing() throws Exception {
        int threads = 16;
        int perThread = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                String body = "{\"description\":\"tâche " + i + "\",\"user\":\"u" + (i % threads) + "\"}";
                ids.add(pool.submit(() -> {
                    Http.Reply reply = http.post("/task", body);
                    assertEquals(201, reply.status(), reply.body());
                    return reply.json().get("id").getAsInt();
                }));
            }
            Set<Integer> seen = new HashSet<>();
            for (java.util.concurrent.Future<Integer> id : ids) {
                assertTrue(seen.add(id.get(30, java.util.concurrent.TimeUnit.SECONDS)), "ids are never reused");
            }
        } finally {
            pool.shutdownNow();
        }
        JsonObject all = http.get("/task").json();
        int expected = 4 + threads * perThread;
        assertEquals(expected, all.get("Count").getAsInt());
        JsonArray tasks = all.getAsJsonArray("Tasks");
        assertEquals(expected, tasks.size());
        for (int i = 0; i < expected; i++) {
            assertEquals(i + 1, tasks.get(i).getAsJsonObject().get("id").getAsInt(), "ids 1.." + expected + " in order");
        }
        assertEquals(perThread, http.get("/task?user=u3").json().get("Count").getAsInt());
    }

    @Test
    void twoServicesInOneJvmKeepTheirOwnTasks() {
        try (RunningWebApp other = WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort()))) {
            assertFalse(other.port() == app.port());
            http.delete("/task/4");
            assertEquals(3, http.get("/task").json().get("Count").getAsInt());
            assertEquals(SEED_JSON, new Http(other.uri()).get("/task").body());
        }
    }

    @Test
    void startsOnAFreeLoopbackPortAndFreesItOnClose() throws Exception {
        RunningWebApp extra = WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(MetadataStandIn.closedPort()));
        assertTrue(extra.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + extra.port() + "/"), extra.uri());
        assertEquals(200, new Http(extra.uri()).get("/health").status());
        extra.close();
        extra.close(); // a second close is harmless
        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.bind(new java.net.InetSocketAddress("127.0.0.1", extra.port()));
        }
    }

    @Test
    void refusesToStartOnAPortInUseWithoutExitingTheJvm() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WebApp.start(WebAppConfig.loopback().withPort(app.port())));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + app.port()), e.getMessage());
        assertEquals(200, http.get("/health").status(), "the running service is untouched");
    }

}
