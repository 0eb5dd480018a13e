package awslab.webapp;

import awslab.webapp.InstanceMetadata.Identity;
import awslab.webapp.InstanceMetadata.MetadataUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import spark.Request;
import spark.Response;

/** {@code /instance}, {@code /health} and the home page {@code /}: who answers, and that it is up. */
final class InstanceRoutes {
    // The home page is the load balancer's default health check: it waits for the metadata
    // service only briefly, and shows what it knows (the look-up goes on in the background).
    private static final Duration HOME_PAGE_WAIT = Duration.ofMillis(250);

    private final InstanceMetadata metadata;
    private final Health health;

    InstanceRoutes(InstanceMetadata metadata, Health health) {
        this.metadata = metadata;
        this.health = health;
    }

    /** {@code {"instanceId": "i-…"}}, or 503 with the reason. */
    String instance(Request request, Response response) {
        try {
            return Json.respond(response, 200, Map.of("instanceId", metadata.identity().instanceId()));
        } catch (MetadataUnavailableException e) {
            return Json.error(response, 503, e.getMessage());
        }
    }

    /** {@code {"status":"ok"}}, or 503 with the reason the service cannot serve (see {@link Health}). */
    String health(Request request, Response response) {
        String problem = health.problem();
        return problem == null ? Json.respond(response, 200, Map.of("status", "ok")) : Json.error(response, 503, problem);
    }

    /** The home page; it is the default health check path too, so it turns 503 with {@code /health}. */
    String home(Request request, Response response) {
        if (health.problem() != null) {
            return health(request, response);
        }
        Optional<Identity> identity;
        try {
            identity = Optional.of(metadata.identity(HOME_PAGE_WAIT));
        } catch (MetadataUnavailableException e) {
            identity = Optional.empty();
        }
        response.status(200);
        response.type("text/html;charset=utf-8");
        return HomePage.render(identity);
    }
}
