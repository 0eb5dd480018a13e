package awslab.sandbox;

import awslab.logging.Background;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.LoadBalancer;
import awslab.sandbox.CloudState.Target;
import awslab.sandbox.CloudState.TargetGroup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancers' data plane: for each one a real HTTP reverse proxy on a loopback port that
 * round-robins over the healthy targets of its listener's target group, and the health checker
 * that probes every registered target's health-check path and moves it through AWS's states
 * (initial, healthy, unhealthy, unused, draining).
 *
 * <pre>
 * loadBalancing.open(lb);              // the proxy listens
 * loadBalancing.port(lb.dnsName);      // where Reachability sends the student's requests
 * </pre>
 */
final class LoadBalancing implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "host", "content-length", "expect", "proxy-connection");

    private final Cloud cloud;
    private final Map<String, HttpServer> proxies = new ConcurrentHashMap<>();
    /** Each load balancer's public side: its listener port as the student reaches it, through its security groups. */
    private final Map<String, GuardedPort> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(8, Background.threads("sandbox-proxy"));
    /** How long the proxy waits on a target whose groups drop its traffic before it answers 504 (an ALB waits 10 s). */
    private static final Duration BLOCKED_TARGET_WAIT = Duration.ofSeconds(3);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    LoadBalancing(Cloud cloud) {
        this.cloud = cloud;
    }

    /** Starts the proxy of a load balancer (idempotent). */
    void open(LoadBalancer lb) throws IOException {
        if (proxies.containsKey(lb.arn)) {
            return;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        String arn = lb.arn;
        server.createContext("/", exchange -> proxy(arn, exchange));
        server.setExecutor(threads);
        server.start();
        proxies.put(lb.arn, server);
        gates.put(lb.arn, GuardedPort.open(() -> server.getAddress().getPort(), () -> admitsStudent(arn)));
    }

    void shut(String arn) {
        HttpServer server = proxies.remove(arn);
        if (server != null) {
            server.stop(0);
        }
        GuardedPort gate = gates.remove(arn);
        if (gate != null) {
            gate.close();
        }
    }

    /** Whether the load balancer's groups let the student's machine in on its listener's port. */
    private boolean admitsStudent(String arn) {
        synchronized (cloud) {
            LoadBalancer lb = cloud.state.loadBalancers.get(arn);
            int port = cloud.state.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(arn)).mapToInt(l -> l.port)
                    .findFirst().orElse(80);
            return lb != null && Firewall.admits(cloud.state, lb.securityGroupIds, port, Firewall.Source.STUDENT);
        }
    }

    /** Whether an instance's groups let a load balancer in on the target's port (ALB to target traffic). */
    private boolean admitsLoadBalancer(LoadBalancer lb, Instance instance, int port) {
        return lb != null && Firewall.admits(cloud.state, instance.securityGroupIds, port, Firewall.Source.of(lb));
    }

    /** The loopback port of the load balancer with this DNS name (its public side), or 0 when there is none. */
    int port(String dnsName) {
        synchronized (cloud) {
            for (LoadBalancer lb : cloud.state.loadBalancers.values()) {
                GuardedPort gate = gates.get(lb.arn);
                if (lb.dnsName.equalsIgnoreCase(dnsName) && gate != null) {
                    return gate.port();
                }
            }
        }
        return 0;
    }

    private void proxy(String arn, HttpExchange exchange) throws IOException {
        cloud.touch(); // someone uses the fleet: the sandbox is not idle
        try (exchange) {
            Pick pick = pickTarget(arn);
            if (pick == null) {
                send(exchange, 503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
                return;
            }
            if (pick.blocked()) {
                // the target's security groups drop the load balancer's packets: it waits, then gives up, as an ALB does
                Cloud.sleep(BLOCKED_TARGET_WAIT);
                send(exchange, 504, "<html><body><h1>504 Gateway Time-out</h1></body></html>");
                return;
            }
            int port = pick.port();
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = URI.create("http://127.0.0.1:" + port + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            request.header("X-Forwarded-Proto", "http");
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                send(exchange, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 504, "<html><body><h1>504 Gateway Time-out</h1></body></html>");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    /** A target the proxy picked: its web service's port, and whether its groups drop the load balancer's traffic. */
    private record Pick(int port, boolean blocked) {}

    /** The next healthy target in turn; when none is healthy, any running one (ALB fails open). */
    private Pick pickTarget(String lbArn) {
        List<Pick> healthy = new ArrayList<>();
        List<Pick> running = new ArrayList<>();
        synchronized (cloud) {
            LoadBalancer lb = cloud.state.loadBalancers.get(lbArn);
            for (CloudState.Listener listener : cloud.state.listeners.values()) {
                TargetGroup group = listener.loadBalancerArn.equals(lbArn) ? cloud.state.targetGroups.get(listener.targetGroupArn) : null;
                if (group == null) {
                    continue;
                }
                for (Target target : group.targets.values()) {
                    InstanceHost host = cloud.host(target.instanceId);
                    Instance instance = cloud.state.instances.get(target.instanceId);
                    if (host == null || host.webPort() == 0 || instance == null || !"running".equals(instance.state)) {
                        continue;
                    }
                    Pick pick = new Pick(host.webPort(), !admitsLoadBalancer(lb, instance, target.port));
                    if ("healthy".equals(target.state)) {
                        healthy.add(pick);
                    } else if ("unhealthy".equals(target.state)) {
                        running.add(pick);
                    }
                }
                break; // one listener per load balancer is what the lab builds
            }
        }
        List<Pick> pool = healthy.isEmpty() ? running : healthy;
        if (pool.isEmpty()) {
            return null;
        }
        int turn = turns.computeIfAbsent(lbArn, a -> new AtomicInteger()).getAndIncrement();
        return pool.get(Math.floorMod(turn, pool.size()));
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * How often a target of this group is checked: its group's interval on the sandbox's clock
     * (AWS's default 30 s takes {@link SandboxTimings#healthCheckInterval}; the lab's 10 s a
     * third of it), never more often than the checker's own pass.
     */
    long intervalMillis(TargetGroup group) {
        long compressed = cloud.config.timings().healthCheckInterval().toMillis() * Math.max(1, group.healthInterval) / 30;
        return Math.max(PASS.toMillis(), compressed);
    }

    /** How often the checker looks for targets due a check. */
    static final Duration PASS = Duration.ofMillis(200);

    /**
     * One pass of health checks over the registered targets due one (success: HTTP 2xx or 3xx);
     * probes run outside the cloud lock. True when a target's state changed (worth saving).
     */
    boolean checkHealth() {
        record Probe(TargetGroup group, Target target, int port, String path, boolean blocked) {}
        List<Probe> probes = new ArrayList<>();
        long now = System.currentTimeMillis();
        Map<Target, String> before = new java.util.IdentityHashMap<>();
        synchronized (cloud) {
            Map<String, LoadBalancer> inUse = new java.util.HashMap<>();
            cloud.state.listeners.values().forEach(l -> inUse.put(l.targetGroupArn, cloud.state.loadBalancers.get(l.loadBalancerArn)));
            for (TargetGroup group : cloud.state.targetGroups.values()) {
                group.targets.values().removeIf(t -> t.drainUntil > 0 && now >= t.drainUntil);
                for (Target target : group.targets.values()) {
                    before.put(target, target.state);
                    Instance instance = cloud.state.instances.get(target.instanceId);
                    InstanceHost host = cloud.host(target.instanceId);
                    if (target.drainUntil > 0) {
                        set(target, "draining", "Target.DeregistrationInProgress");
                    } else if (!inUse.containsKey(group.arn)) {
                        set(target, "unused", "Target.NotInUse");
                    } else if (instance == null || !"running".equals(instance.state) || host == null) {
                        set(target, "unused", "Target.InvalidState");
                        target.successes = 0;
                        target.failures = 0;
                    } else {
                        if ("unused".equals(target.state)) {
                            set(target, "initial", "Elb.InitialHealthChecking");
                        }
                        if (now >= target.nextCheck) {
                            target.nextCheck = now + intervalMillis(group);
                            boolean blocked = !admitsLoadBalancer(inUse.get(group.arn), instance, target.port);
                            probes.add(new Probe(group, target, host.webPort(), group.healthPath, blocked));
                        }
                    }
                }
            }
        }
        for (Probe probe : probes) {
            boolean ok = !probe.blocked() && probe.port() != 0 && InstanceHost.answers(probe.port(), probe.path());
            synchronized (cloud) {
                Target target = probe.target();
                if (target.drainUntil > 0 || !probe.group().targets.containsValue(target)) {
                    continue;
                }
                if (ok) {
                    target.successes++;
                    target.failures = 0;
                    if (target.successes >= probe.group().healthyThreshold || "healthy".equals(target.state)) {
                        set(target, "healthy", null);
                    } else if ("initial".equals(target.state)) {
                        set(target, "initial", "Elb.InitialHealthChecking");
                    }
                } else {
                    target.failures++;
                    target.successes = 0;
                    if (target.failures >= probe.group().unhealthyThreshold) {
                        // a dropped probe times out; a refused or failing one fails (ELBv2's two reasons)
                        set(target, "unhealthy", probe.blocked() ? "Target.Timeout" : "Target.FailedHealthChecks");
                    }
                }
            }
        }
        synchronized (cloud) {
            return before.entrySet().stream().anyMatch(e -> !java.util.Objects.equals(e.getKey().state, e.getValue()));
        }
    }

    private static void set(Target target, String state, String reason) {
        target.state = state;
        target.reason = reason;
    }

    @Override
    public void close() {
        proxies.values().forEach(server -> server.stop(0));
        proxies.clear();
        gates.values().forEach(GuardedPort::close);
        gates.clear();
        threads.shutdownNow();
    }
}
