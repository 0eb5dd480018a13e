package awslab.webapp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import spark.Route;
import spark.Service;

/**
 * The lab web service: the tasks API of the lab's original Python service, {@code /instance},
 * {@code /health} and a home page, on its own SparkJava {@link Service} so that several can run
 * in one JVM.
 *
 * <pre>{@code
 * try (RunningWebApp app = WebApp.start(WebAppConfig.loopback())) {
 *     // GET app.uri().resolve("/task") -> {"Count":4,"Tasks":[...]}
 * }
 * }</pre>
 *
 * From a shell: {@code java -jar awslab-webapp-VERSION-all.jar --port 8080} (see {@link WebAppMain}).
 */
public final class WebApp {
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

    private WebApp() {}

    /**
     * Starts a web service with its own seeded task list and returns once it accepts requests.
     *
     * @throws IllegalStateException when it cannot listen (port taken, no permission for port 80…)
     */
    public static RunningWebApp start(WebAppConfig config) {
        Service http = Service.ignite()
                .ipAddress(config.bindAddress())
                .port(config.port())
                .threadPool(config.maxThreads(), 2, 60_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        http.initExceptionHandler(failure::set); // Spark's default handler would exit the JVM

        TaskRoutes tasks = new TaskRoutes(TaskStore.seeded(), config.maxBodyBytes());
        InstanceRoutes instance = new InstanceRoutes(new InstanceMetadata(
                config.metadataEndpoint(), config.metadataConnectTimeout(), config.metadataTimeout()));
        Handlers taskList = new Handlers().on("GET", tasks::list).on("POST", tasks::create);
        serve(http, "/task", taskList);
        serve(http, "/task/", taskList);
        serve(http, "/task/:id", new Handlers().on("GET", tasks::get).on("PUT", tasks::put).on("DELETE", tasks::delete));
        serve(http, "/instance", new Handlers().on("GET", instance::instance));
        serve(http, "/health", new Handlers().on("GET", instance::health));
        serve(http, "/", new Handlers().on("GET", instance::home));
        handleErrors(http);

        http.init();
        http.awaitInitialization();
        if (failure.get() != null) {
            http.stop();
            http.awaitStop();
            throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + rootMessage(failure.get()), failure.get());
        }
        return new RunningWebApp(http, config.bindAddress(), http.port());
    }

    /** Serves {@code path} with {@code handlers}; every other method gets 405 with {@code Allow}. */
    private static void serve(Service http, String path, Handlers handlers) {
        String allow = String.join(", ", handlers.byMethod.keySet());
        String display = path.replace(":id", "{id}");
        for (String method : METHODS) {
            Route route = handlers.byMethod.getOrDefault(method, (request, response) -> {
                response.header("Allow", allow);
                return Json.error(response, 405, "method " + method + " is not allowed on " + display
                        + "; allowed: " + allow);
            });
            switch (method) {
                case "GET" -> {
                    http.get(path, route);
                    http.head(path, route);
                }
                case "POST" -> http.post(path, route);
                case "PUT" -> http.put(path, route);
                case "PATCH" -> http.patch(path, route);
                case "DELETE" -> http.delete(path, route);
                default -> http.options(path, route);
            }
        }
    }

    private static void handleErrors(Service http) {
        http.exception(ApiException.class, (e, request, response) ->
                response.body(Json.error(response, e.status(), e.getMessage())));
        // A bug must not show a stack trace to a client: a short JSON 500 instead.
        http.exception(Exception.class, (e, request, response) ->
                response.body(Json.error(response, 500, "internal error while handling "
                        + request.requestMethod() + " " + request.pathInfo())));
        // Spark keeps these two pages JVM-wide; they hold no state of one service, so sharing is fine.
        http.notFound((request, response) -> Json.error(response, 404, "there is nothing at "
                + request.pathInfo() + "; try /task, /task/{id}, /instance, /health or /"));
        http.internalServerError((request, response) -> Json.error(response, 500, "internal error"));
    }

    /** The methods one path answers, in the order {@code Allow} lists them. */
    private static final class Handlers {
        final Map<String, Route> byMethod = new LinkedHashMap<>();

        Handlers on(String method, Route route) {
            byMethod.put(method, route);
            return this;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Runs the service from the command line; see {@link WebAppMain}. */
    public static void main(String[] args) {
        WebAppMain.main(args);
    }
}
