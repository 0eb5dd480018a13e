package awslab.reach;

import awslab.api.Interruption;
import awslab.api.Reachability;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks an instance's web service for {@code /task} through {@link Reachability}, within bounded
 * time. Where the target makes the instance unreachable by design (an emulator), it says so at
 * once instead of waiting for a timeout.
 *
 * <pre>
 * WebServiceProbe.Answer answer = new WebServiceProbe(reachability).probe("i-0abc", "54.1.2.3");
 * if (answer.status() == WebServiceProbe.Status.ANSWERS) … answer.descriptions() …
 * </pre>
 */
public final class WebServiceProbe {
    /** The tasks every fresh web service starts with (DESIGN.md), in order. */
    public static final List<String> SEED_DESCRIPTIONS = List.of("Préparer le cours", "Ajouter des gif", "Donner le cours", "???");

    public enum Status {
        /** {@code /task} answered 200 with a task list. */
        ANSWERS,
        /** Reachable by design, but no (valid) answer. */
        NO_ANSWER,
        /** The target cannot reach instances (an emulator): nothing was tried. */
        CANNOT_CHECK
    }

    /** What {@code /task} said: the task descriptions when it answered, else why not. */
    public record Answer(Status status, Optional<URI> uri, List<String> descriptions, String problem) {
        public boolean hasSeedTasks() {
            return status == Status.ANSWERS && descriptions.containsAll(SEED_DESCRIPTIONS);
        }
    }

    private final Reachability reachability;
    private final Duration requestTimeout;
    private final HttpClient http;

    public WebServiceProbe(Reachability reachability) {
        this(reachability, Duration.ofSeconds(3));
    }

    public WebServiceProbe(Reachability reachability, Duration requestTimeout) {
        this.reachability = reachability;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One {@code GET /task}, bounded by the request timeout. */
    public Answer probe(String instanceId, String publicIp) {
        Optional<URI> base = reachability.webService(instanceId, publicIp);
        if (base.isEmpty()) {
            return new Answer(Status.CANNOT_CHECK, base, List.of(), "");
        }
        URI uri = base.get().resolve("/task");
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Answer(Status.NO_ANSWER, Optional.of(uri), List.of(), "HTTP " + response.statusCode());
            }
            return new Answer(Status.ANSWERS, Optional.of(uri), descriptions(response.body()), "");
        } catch (IOException | RuntimeException e) {
            return new Answer(Status.NO_ANSWER, Optional.of(uri), List.of(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            throw Interruption.generic(e);
        }
    }

    /**
     * Probes until the service answers, at most {@code attempts} times, {@code pause} apart: a fresh
     * instance needs a few minutes to install Java and start the service.
     */
    public Answer waitUntilAnswers(String instanceId, String publicIp, int attempts, Duration pause, Runnable onRetry) {
        return waitUntilAnswers(instanceId, publicIp, attempts, pause, () -> {
            onRetry.run();
            return true;
        });
    }

    /** The same, asking {@code worthWaiting} before each pause: false (the setup failed, say) ends the wait at once. */
    public Answer waitUntilAnswers(String instanceId, String publicIp, int attempts, Duration pause,
            java.util.function.BooleanSupplier worthWaiting) {
        Answer answer = probe(instanceId, publicIp);
        Instant deadline = Instant.now().plus(pause.multipliedBy(attempts)).plus(requestTimeout.multipliedBy(attempts));
        for (int attempt = 1; attempt < attempts && answer.status() == Status.NO_ANSWER && Instant.now().isBefore(deadline); attempt++) {
            if (!worthWaiting.getAsBoolean()) {
                return answer;
            }
            Interruption.sleep(pause);
            answer = probe(instanceId, publicIp);
        }
        return answer;
    }

    /** The descriptions in a {@code {"Count": n, "Tasks": [...]}} body; throws on anything else. */
    static List<String> descriptions(String body) {
        JsonElement root = JsonParser.parseString(body);
        JsonObject object = root.getAsJsonObject();
        List<String> descriptions = new ArrayList<>();
        for (JsonElement task : object.getAsJsonArray("Tasks")) {
            descriptions.add(task.getAsJsonObject().get("description").getAsString());
        }
        return descriptions;
    }
}
