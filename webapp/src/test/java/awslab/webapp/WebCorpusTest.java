package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web-service corpus, short and seeded (the long run is bench/reliability/webapp.sh): hostile
 * requests over real sockets, every answer 2xx or 4xx JSON within a bound, never a Java name;
 * then a flood of concurrent clients that loses nothing while /health stays 200.
 */
class WebCorpusTest {
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = BODY_TIMEOUT.plusSeconds(5);

    private MetadataStandIn.Speaking imds;
    private RunningWebApp app;

    @BeforeEach
    void start() {
        imds = MetadataStandIn.requiringTokens();
        app = WebApp.start(WebAppConfig.loopback().withMetadataEndpoint(imds.endpoint())
                .withLimits(TestLimits.bodyTimeout(BODY_TIMEOUT)));
    }

    @AfterEach
    void stop() {
        app.close();
        imds.close();
    }

    @Test
    void everyHostileRequestGetsA2xxOr4xxJsonAnswerInTime() throws Exception {
        // /instance answers 503 by design while its first metadata look-up is in flight and a
        // quarter of the threads already wait for it (webapp/README.md): look it up once first.
        assertEquals(200, new Http(app.uri()).get("/instance").status());
        try (HealthWatch health = HealthWatch.start(app.uri())) {
            CorpusRun.Tally tally = CorpusRun.run(app.port(), 20261130L, 1_500, 8, BOUND);
            assertEquals(0, tally.failures(), tally.report());
            assertEquals(1_500, tally.get("tries"));
            assertTrue(tally.get("4xx") > 500 && tally.get("2xx") > 100, tally.report());
            assertEquals(0, health.failures(), health.report());
        }
    }

    @Test
    void aFloodOfClientsLosesNothingWhileHealthStaysOk() throws Exception {
        try (HealthWatch health = HealthWatch.start(app.uri())) {
            Flood.Result flood = Flood.run(app.uri(), 50, 40, 20261130L);
            assertEquals(0, flood.lost() + flood.orphans() + flood.unexpected(), flood.toString());
            assertTrue(flood.created() > 500, flood.toString());
            assertTrue(health.checks() > 0, health.report());
            assertEquals(0, health.failures(), health.report());
        }
    }
}
