package awslab.fleet.check;

import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.api.CheckContext;
import awslab.api.Interruption;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code load-balancer-alternates}: asks the load balancer's {@code /instance} several times and
 * passes when at least two different instance ids of the group answer — the round robin the lab
 * asks students to see by refreshing the page. Cannot check where the load balancer is not
 * reachable by design (an emulator).
 *
 * <pre>
 * new LoadBalancerAlternatesCheckpoint().verify(context);
 * </pre>
 */
public final class LoadBalancerAlternatesCheckpoint implements Checkpoint {
    public static final String ID = "load-balancer-alternates";
    static final int REQUESTS = 8;
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult verify(CheckContext context) {
        String groupName = FleetFacts.group(context);
        Optional<FleetStatus> found = new FleetInspector(context.clients()).inspect(groupName);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.fleet.noGroup", groupName);
        }
        FleetStatus status = found.get();
        Optional<String> dns = status.dnsName();
        if (dns.isEmpty()) {
            return CheckResult.failed("msg.check.fleetReady.noLoadBalancer", groupName);
        }
        Optional<URI> base = context.reachability().loadBalancer(dns.get());
        if (base.isEmpty()) {
            return CheckResult.cannotCheck("msg.check.alternates.unreachable", dns.get());
        }
        URI uri = base.get().resolve("/instance");
        List<String> answers = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (int i = 0; i < REQUESTS; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return CheckResult.failed("msg.check.alternates.status", uri, response.statusCode());
                }
                answers.add(instanceId(response.body()));
            } catch (IOException e) {
                return CheckResult.failed("msg.check.alternates.error", uri, String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                throw Interruption.generic(e);
            }
        }
        Set<String> distinct = new LinkedHashSet<>(answers);
        distinct.remove("");
        List<String> strangers = distinct.stream().filter(id -> !status.instanceIds().contains(id)).toList();
        if (!strangers.isEmpty()) {
            return CheckResult.failed("msg.check.alternates.strangers", String.join(", ", strangers), groupName);
        }
        if (distinct.size() < 2) {
            return CheckResult.failed("msg.check.alternates.single", REQUESTS, String.join(", ", distinct));
        }
        return CheckResult.passed("msg.check.alternates.passed", REQUESTS, String.join(" ", answers));
    }

    /** The id in the web service's {@code {"instanceId": "i-…"}}; empty when the body is not that. */
    static String instanceId(String body) {
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject() && json.getAsJsonObject().has("instanceId")) {
                return json.getAsJsonObject().get("instanceId").getAsString();
            }
        } catch (RuntimeException e) {
            // not JSON: counted as no id
        }
        return "";
    }
}
