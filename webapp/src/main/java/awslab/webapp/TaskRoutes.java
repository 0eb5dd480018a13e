package awslab.webapp;

import awslab.webapp.TaskBodies.TaskFields;
import awslab.webapp.WebAppConfig.Limits;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import spark.Request;
import spark.Response;

/** The {@code /task} API, JSON-compatible with the lab's original Python service. */
final class TaskRoutes {
    private final TaskStore store;
    private final int maxBodyBytes;
    private final Semaphore bodyWaits;
    // GET /task is what load tests and load balancers hammer: serialize the full list once per
    // change, to the bytes sent, so that each request only writes them.
    private volatile CachedList allTasks = new CachedList(-1, new byte[0]);

    private record CachedList(long version, byte[] json) {}

    TaskRoutes(Limits limits, int maxThreads) {
        this.store = TaskStore.seeded(limits.maxTasks(), limits.maxStoreBytes());
        this.maxBodyBytes = limits.maxBodyBytes();
        this.bodyWaits = new Semaphore(maxThreads / 4); // the rest keep serving while bodies trickle in
    }

    /** {@code GET /task[?user=NAME]}: {@code {"Count": n, "Tasks": [...]}}; a blank user means all. */
    Object list(Request request, Response response) throws IOException {
        String user = request.queryParams("user"); // its escapes are good: see JsonErrorJetty.Gate
        if (user == null || user.isBlank()) {
            return Json.respondJson(response, 200, allTasksJson());
        }
        // Not cached, so streamed: a thousand clients asking for a user with a full list each
        // hold Jetty's output buffer, not a copy of the list.
        response.status(200);
        response.type(Json.CONTENT_TYPE);
        Writer out = new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8);
        Json.GSON.toJson(taskList(store.byUser(user)), out);
        out.flush();
        return "";
    }

    private byte[] allTasksJson() {
        CachedList cached = allTasks;
        if (cached.version() == store.version()) {
            return cached.json();
        }
        // One rebuild at a time: a flood of writes and reads must not serialize the list once per thread.
        synchronized (this) {
            long version = store.version(); // read before the tasks: a stale cache is never labelled fresh
            if (allTasks.version() != version) {
                allTasks = new CachedList(version, Json.GSON.toJson(taskList(store.all())).getBytes(StandardCharsets.UTF_8));
            }
            return allTasks.json();
        }
    }

    private static Map<String, Object> taskList(List<Task> tasks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Count", tasks.size());
        body.put("Tasks", tasks);
        return body;
    }

    String get(Request request, Response response) {
        int id = taskId(request);
        Task task = store.find(id).orElseThrow(() -> noSuchTask(id));
        return Json.respond(response, 200, task);
    }

    /** {@code POST /task}: 201 with the new task and its id, and its URL in {@code Location}. */
    String create(Request request, Response response) {
        TaskFields fields = TaskBodies.parse(TaskBodies.read(request, maxBodyBytes, bodyWaits), null);
        Task task = store.create(fields.description(), fields.user());
        response.header("Location", "/task/" + task.id());
        return Json.respond(response, 201, task);
    }

    /** {@code PUT /task/{id}}: 200 when it replaced a task, 201 when it created one with that id. */
    String put(Request request, Response response) {
        int id = taskId(request);
        TaskFields fields = TaskBodies.parse(TaskBodies.read(request, maxBodyBytes, bodyWaits), id);
        TaskStore.Upsert result = store.put(id, fields.description(), fields.user());
        return Json.respond(response, result.created() ? 201 : 200, result.task());
    }

    /** {@code DELETE /task/{id}}: 200 with the task it deleted, 404 when there was none. */
    String delete(Request request, Response response) {
        int id = taskId(request);
        Task task = store.delete(id).orElseThrow(() -> noSuchTask(id));
        return Json.respond(response, 200, task);
    }

    private static int taskId(Request request) {
        String raw = request.params(":id");
        if (raw == null || !raw.matches("[+-]?\\d{1,30}")) {
            throw ApiException.badRequest("the task id must be an integer, not '" + raw + "'");
        }
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw ApiException.badRequest("the task id must be between 1 and " + Integer.MAX_VALUE + ", not " + raw);
        }
        return (int) id;
    }

    private static ApiException noSuchTask(int id) {
        return ApiException.notFound("there is no task with id " + id);
    }
}
