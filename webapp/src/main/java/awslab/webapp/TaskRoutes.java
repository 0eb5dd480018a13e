package awslab.webapp;

import awslab.webapp.TaskBodies.TaskFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import spark.Request;
import spark.Response;

/** The {@code /task} API, JSON-compatible with the lab's original Python service. */
final class TaskRoutes {
    private final TaskStore store;
    private final int maxBodyBytes;
    // GET /task is what load tests and load balancers hammer: serialize the full list once per change.
    private final AtomicReference<CachedList> allTasks = new AtomicReference<>(new CachedList(-1, ""));

    private record CachedList(long version, String json) {}

    TaskRoutes(TaskStore store, int maxBodyBytes) {
        this.store = store;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code GET /task[?user=NAME]}: {@code {"Count": n, "Tasks": [...]}}; a blank user means all. */
    String list(Request request, Response response) {
        String user = request.queryParams("user");
        if (user != null && !user.isBlank()) {
            return Json.respond(response, 200, taskList(store.byUser(user)));
        }
        long version = store.version(); // read before the tasks: a stale cache is never labelled fresh
        CachedList cached = allTasks.get();
        if (cached.version() != version) {
            cached = new CachedList(version, Json.GSON.toJson(taskList(store.all())));
            allTasks.set(cached);
        }
        return Json.respondJson(response, 200, cached.json());
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
        TaskFields fields = TaskBodies.parse(TaskBodies.read(request, maxBodyBytes), null);
        Task task = store.create(fields.description(), fields.user());
        response.header("Location", "/task/" + task.id());
        return Json.respond(response, 201, task);
    }

    /** {@code PUT /task/{id}}: 200 when it replaced a task, 201 when it created one with that id. */
    String put(Request request, Response response) {
        int id = taskId(request);
        TaskFields fields = TaskBodies.parse(TaskBodies.read(request, maxBodyBytes), id);
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
