package awslab.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox service's own calls, beside the AWS API on the same port, in JSON. No AWS client
 * sends these paths. What the shell, tests and benchmarks ask of the service itself:
 * <ul>
 * <li>{@code GET /awslab/status}: a {@link ServiceStatus} (not counted as use: watching the
 *     sandbox does not keep it awake);</li>
 * <li>{@code GET /awslab/reach?instance=ID&ip=IP} or {@code ?dns=NAME}: where an instance's web
 *     service and SSH server, or a load balancer, are on this computer ({@code web}, {@code ssh},
 *     absent when unreachable, as {@link SandboxReachability} decides);</li>
 * <li>{@code GET /awslab/addresses}: every instance and load balancer, and their local addresses;</li>
 * <li>{@code GET /awslab/processes}: the process ids of the sandbox and of every instance process;</li>
 * <li>{@code POST /awslab/stop}: answers, then stops the service (state saved).</li>
 * </ul>
 * A request a web browser sends (it has an {@code Origin}) is refused: no web page may stop the
 * sandbox or read where its instances are.
 *
 * <pre>
 * curl -s http://127.0.0.1:4599/awslab/status
 * </pre>
 */
final class ControlApi implements HttpHandler {
    static final String PATH = "/awslab/";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final SandboxService service;

    ControlApi(SandboxService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().containsKey("Origin")) {
                reply(exchange, 403, Map.of("error", "the sandbox's own calls are not for web pages"));
                return;
            }
            String call = exchange.getRequestURI().getPath().substring(PATH.length());
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Sandbox sandbox = service.sandbox();
            if (!call.equals("status")) {
                sandbox.touch();
            }
            switch (method + " " + call) {
                case "GET status" -> reply(exchange, 200, service.status());
                case "GET reach" -> reply(exchange, 200, reach(sandbox.reachability(), query));
                case "GET addresses" -> reply(exchange, 200, sandbox.addresses());
                case "GET processes" -> reply(exchange, 200, Map.of("sandbox", ProcessHandle.current().pid(),
                        "instances", sandbox.processes().stream().map(ProcessHandle::pid).toList()));
                case "POST stop" -> {
                    reply(exchange, 202, Map.of("stopping", true));
                    Thread stopper = new Thread(service::stop, "sandbox-stop");
                    stopper.start();
                }
                default -> reply(exchange, 404, Map.of("error", "no such call: " + method + " " + PATH + call));
            }
        }
    }

    private static Map<String, String> reach(SandboxReachability reachability, Map<String, String> query) {
        Map<String, String> where = new LinkedHashMap<>();
        if (query.containsKey("dns")) {
            reachability.loadBalancer(query.get("dns")).ifPresent(uri -> where.put("web", uri.toString()));
        } else {
            String id = query.get("instance");
            String ip = query.get("ip");
            reachability.webService(id, ip).ifPresent(uri -> where.put("web", uri.toString()));
            reachability.ssh(id, ip).ifPresent(address -> where.put("ssh", address.getHostString() + ":" + address.getPort()));
        }
        return where;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
