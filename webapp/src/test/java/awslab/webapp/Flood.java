package awslab.webapp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients at once, each with its own connection and its own user: they create, read,
 * replace and delete tasks, keeping at most a few each, and at the end compare what the service
 * holds for their user with what they were told. A task a client was told it created (201) or
 * replaced (200) and cannot find as it left it is lost; a task it does not know of is an orphan.
 *
 * <pre>{@code
 * Flood.Result result = Flood.run(app.uri(), 50, 40, 7);
 * assertEquals(0, result.lost() + result.orphans() + result.unexpected(), result.toString());
 * }</pre>
 */
final class Flood {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Tasks one client keeps at most: the list stays far below its bounds however long the flood. */
    private static final int KEPT = 10;

    /** What the flood saw: requests sent, tasks created, lost and orphaned, answers it did not expect. */
    record Result(long requests, long created, long lost, long orphans, long unexpected, List<String> samples) {
        @Override
        public String toString() {
            return requests + " requests, " + created + " tasks created, " + lost + " lost, " + orphans + " orphans, "
                    + unexpected + " unexpected answers" + (samples.isEmpty() ? "" : "; first: " + samples.get(0));
        }
    }

    private final URI base;
    private final String run;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong orphans = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    private Flood(URI base, long seed) {
        this.base = base;
        this.run = "flood-" + Long.toString(seed, 36);
    }

    /** {@code clients} clients at once, each doing {@code operations} writes and reads. */
    static Result run(URI base, int clients, int operations, long seed) throws Exception {
        Flood flood = new Flood(base, seed);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    flood.client(client, operations, new Random(seed * 31 + client));
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(operations * TIMEOUT.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(flood.requests.get(), flood.created.get(), flood.lost.get(), flood.orphans.get(),
                flood.unexpected.get(), List.copyOf(flood.samples));
    }

    private void client(int client, int operations, Random random) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        String user = run + "-" + client;
        Map<Integer, String> mine = new HashMap<>(); // id -> the task's JSON as the service last returned it
        Deque<Integer> oldest = new ArrayDeque<>();
        for (int i = 0; i < operations; i++) {
            if (mine.size() >= KEPT || (!mine.isEmpty() && random.nextInt(6) == 0)) {
                int id = oldest.removeFirst();
                HttpResponse<String> deleted = send(http, "DELETE", "/task/" + id, null);
                expect(deleted, 200, mine.remove(id));
            } else if (!mine.isEmpty() && random.nextInt(4) == 0) {
                int id = oldest.peekLast();
                String body = task(user, client, i, random);
                HttpResponse<String> replaced = send(http, "PUT", "/task/" + id, body);
                if (expect(replaced, 200, null)) {
                    mine.put(id, replaced.body());
                }
            } else if (!mine.isEmpty() && random.nextInt(3) == 0) {
                int id = oldest.peekFirst();
                expect(send(http, "GET", "/task/" + id, null), 200, mine.get(id));
            } else if (random.nextInt(5) == 0) {
                expect(send(http, "GET", "/task", null), 200, null);
            } else {
                HttpResponse<String> made = send(http, "POST", "/task", task(user, client, i, random));
                if (expect(made, 201, null)) {
                    int id = JsonParser.parseString(made.body()).getAsJsonObject().get("id").getAsInt();
                    mine.put(id, made.body());
                    oldest.addLast(id);
                    created.incrementAndGet();
                }
            }
        }
        compare(http, user, mine);
    }

    /** What the service holds for {@code user} against what this client was told. */
    private void compare(HttpClient http, String user, Map<Integer, String> mine) throws Exception {
        HttpResponse<String> list = send(http, "GET", "/task?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8), null);
        if (!expect(list, 200, null)) {
            lost.addAndGet(mine.size());
            return;
        }
        JsonArray tasks = JsonParser.parseString(list.body()).getAsJsonObject().getAsJsonArray("Tasks");
        Map<Integer, String> held = new HashMap<>();
        for (JsonElement task : tasks) {
            JsonObject object = task.getAsJsonObject();
            held.put(object.get("id").getAsInt(), Json.GSON.toJson(object));
        }
        for (Map.Entry<Integer, String> expected : mine.entrySet()) {
            if (!expected.getValue().equals(held.remove(expected.getKey()))) {
                lost.incrementAndGet();
                sample("lost: " + expected.getValue());
            }
        }
        orphans.addAndGet(held.size());
        held.values().forEach(orphan -> sample("orphan: " + orphan));
    }

    private static String task(String user, int client, int i, Random random) {
        String description = "tâche " + client + "-" + i + " " + "😀é<\"\\".charAt(random.nextInt(5));
        return "{\"description\":" + Json.GSON.toJson(description) + ",\"user\":" + Json.GSON.toJson(user) + "}";
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body) throws Exception {
        requests.incrementAndGet();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).method(method, publisher)
                .header("Content-Type", "application/json").build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            unexpected.incrementAndGet();
            sample(method + " " + path + ": " + e);
            return null;
        }
    }

    /** True when {@code response} has {@code status} (and {@code body}, when given); else counts it. */
    private boolean expect(HttpResponse<String> response, int status, String body) {
        if (response != null && response.statusCode() == status && (body == null || body.equals(response.body()))) {
            return true;
        }
        if (response != null) {
            unexpected.incrementAndGet();
            sample(response.request().method() + " " + response.request().uri().getPath() + ": " + response.statusCode() + " "
                    + response.body() + (body == null ? "" : " (expected " + body + ")"));
        }
        return false;
    }

    private void sample(String what) {
        if (samples.size() < 10) {
            samples.add(what);
        }
    }
}
