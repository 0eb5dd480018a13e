package awslab.webapp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import spark.Request;
import spark.Response;
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
    /** Every path the service answers, with its methods in the order {@code Allow} lists them. */
    private static final Map<String, List<String>> ENDPOINTS = endpoints();

    private WebApp() {}

    private static Map<String, List<String>> endpoints() {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/task", List.of("GET", "POST"));
        endpoints.put("/task/", List.of("GET", "POST"));
        endpoints.put("/task/:id", List.of("GET", "PUT", "DELETE"));
        endpoints.put("/instance", List.of("GET"));
        endpoints.put("/health", List.of("GET"));
        endpoints.put("/", List.of("GET"));
        return Collections.unmodifiableMap(endpoints);
    }

    /**
     * Starts a web service with its own seeded task list and returns once it accepts requests.
     *
     * @throws IllegalStateException when it cannot listen (port taken, no permission for port 80…)
     */
    public static RunningWebApp start(WebAppConfig config) {
        // With port 0, Spark picks a free port, closes it, then binds it: another process may
        // take it in between. Rare, but several services start at once in tests and the sandbox.
        int attempts = config.port() == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config);
            } catch (IllegalStateException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    // One start at a time: see JsonErrorJetty.register.
    private static synchronized RunningWebApp startOnce(WebAppConfig config) {
        Health health = new Health();
        JsonErrorJetty.register(health, config.limits().bodyTimeout());
        Service http = Service.ignite()
                .ipAddress(config.bindAddress())
                .port(config.port())
                .threadPool(config.maxThreads(), 2, 60_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        http.initExceptionHandler(failure::set); // Spark's default handler would exit the JVM
        http.embeddedServerIdentifier(JsonErrorJetty.IDENTIFIER);

        TaskRoutes tasks = new TaskRoutes(config.limits(), config.maxThreads());
        InstanceRoutes instance = new InstanceRoutes(new InstanceMetadata(
                config.metadataEndpoint(), config.metadataConnectTimeout(), config.metadataTimeout(),
                Math.max(2, config.maxThreads() / 4)), health);
        Map<String, Route> handlers = Map.of(
                "GET /task", tasks::list, "POST /task", tasks::create,
                "GET /task/", tasks::list, "POST /task/", tasks::create,
                "GET /task/:id", tasks::get, "PUT /task/:id", tasks::put, "DELETE /task/:id", tasks::delete,
                "GET /instance", instance::instance,
                "GET /health", instance::health,
                "GET /", instance::home);
        ENDPOINTS.forEach((path, methods) -> methods.forEach(method -> serve(http, method, path, handlers)));
        handleErrors(http, health);

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

    private static void serve(Service http, String method, String path, Map<String, Route> handlers) {
        Route route = Objects.requireNonNull(handlers.get(method + " " + path), method + " " + path);
        switch (method) {
            case "GET" -> {
                http.get(path, route);
                http.head(path, route); // Jetty drops the body
            }
            case "POST" -> http.post(path, route);
            case "PUT" -> http.put(path, route);
            case "DELETE" -> http.delete(path, route);
            default -> throw new IllegalArgumentException(method);
        }
    }

    private static void handleErrors(Service http, Health health) {
        http.exception(ApiException.class, (e, request, response) ->
                response.body(Json.error(response, e.status(), e.getMessage())));
        // A bug must not show a stack trace to a client: a short JSON 500 instead, and /health
        // turns 503 if it keeps happening.
        http.exception(Exception.class, (e, request, response) -> {
            health.failed(e);
            response.body(Json.error(response, 500, "internal error while handling "
                    + request.requestMethod() + " " + request.pathInfo()));
        });
        // Spark keeps these two pages JVM-wide; they depend on no one service, so sharing is fine.
        http.notFound(WebApp::notFoundOrNotAllowed);
        http.internalServerError((request, response) -> Json.error(response, 500, "internal error"));
    }

    /** No route matched: 405 with {@code Allow} when the path exists under other methods, else 404. */
    private static String notFoundOrNotAllowed(Request request, Response response) {
        String path = request.pathInfo();
        for (Map.Entry<String, List<String>> endpoint : ENDPOINTS.entrySet()) {
            if (matches(endpoint.getKey(), path)) {
                String allow = String.join(", ", endpoint.getValue());
                response.header("Allow", allow);
                return Json.error(response, 405, "method " + request.requestMethod() + " is not allowed on "
                        + endpoint.getKey().replace(":id", "{id}") + "; allowed: " + allow);
            }
        }
        return Json.error(response, 404, "there is nothing at " + path
                + "; try /task, /task/{id}, /instance, /health or /");
    }

    /** Spark's matching, for our paths: {@code :name} stands for one non-empty segment. */
    private static boolean matches(String pattern, String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path == null ? new String[0] : path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean ok = want[i].startsWith(":") ? !got[i].isEmpty() : want[i].equals(got[i]);
            if (!ok) {
                return false;
            }
        }
        return true;
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
