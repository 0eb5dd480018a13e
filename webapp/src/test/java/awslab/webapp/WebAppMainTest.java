package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line, and the service run as its own process the way the sandbox runs it. */
class WebAppMainTest {
    private static final WebAppConfig DEFAULTS = WebAppConfig.defaults(Map.of());

    @Test
    void defaultsAreWhatAnInstanceNeeds() {
        assertEquals("0.0.0.0", DEFAULTS.bindAddress());
        assertEquals(80, DEFAULTS.port());
        assertEquals(URI.create("http://169.254.169.254"), DEFAULTS.metadataEndpoint());
        assertEquals(URI.create("http://127.0.0.1:9"),
                WebAppConfig.defaults(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")).metadataEndpoint());
    }

    @Test
    void loopbackKeepsEverythingOnTheMachine() {
        WebAppConfig config = WebAppConfig.loopback();
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(0, config.port());
        assertEquals("127.0.0.1", config.metadataEndpoint().getHost());
    }

    @Test
    void parsesPortBindAndMetadataEndpointInBothSpellings() {
        WebAppConfig config = WebAppMain.parse(new String[] {"--port", "8080", "--bind=127.0.0.1",
                "--metadata-endpoint", "http://127.0.0.1:1234"}, DEFAULTS);
        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(URI.create("http://127.0.0.1:1234"), config.metadataEndpoint());
        assertEquals(0, WebAppMain.parse(new String[] {"--port=0"}, DEFAULTS).port());
        assertEquals(12, WebAppMain.parse(new String[] {"--max-threads", "12"}, DEFAULTS).maxThreads());
    }

    @Test
    void refusesBadArgumentsWithAMessageAndStatus2() {
        assertMessage("--port needs a number from 0 to 65535, not 'eighty'", "--port", "eighty");
        assertMessage("--port needs a number from 0 to 65535, not '70000'", "--port=70000");
        assertMessage("option --port needs a value", "--port");
        assertMessage("--max-threads needs a number from 8 to 1000, not '4'", "--max-threads", "4");
        assertMessage("unknown argument: --verbose", "--verbose");
        assertMessage("metadata endpoint must be an http:// URL with a host", "--metadata-endpoint", "169.254.169.254");

        Output output = new Output();
        assertEquals(2, WebAppMain.run(new String[] {"--nope"}, Map.of(), output.out, output.err));
        assertTrue(output.err().contains("unknown argument: --nope") && output.err().contains("Usage:"), output.err());
    }

    @Test
    void helpPrintsUsageAndStartsNothing() {
        Output output = new Output();
        assertEquals(0, WebAppMain.run(new String[] {"--help"}, Map.of(), output.out, output.err));
        assertTrue(output.out().contains("--metadata-endpoint URL"), output.out());
        assertTrue(output.out().contains("AWS_EC2_METADATA_SERVICE_ENDPOINT"), output.out());
    }

    @Test
    void aTakenPortIsStatus1WithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Output output = new Output();
            int status = WebAppMain.run(new String[] {"--bind", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())},
                    Map.of(), output.out, output.err);
            assertEquals(1, status);
            assertTrue(output.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), output.err());
        }
    }

    @Test
    void runsAsAProcessWithTheEndpointFromTheEnvironment() throws Exception {
        try (MetadataStandIn.Speaking imds = MetadataStandIn.requiringTokens();
                ServiceProcess service = ServiceProcess.start(List.of(),
                        Map.of(WebAppConfig.METADATA_ENDPOINT_ENV, imds.endpoint().toString()))) {
            Http http = new Http(service.uri());
            assertEquals(TaskApiTest.SEED_JSON, http.get("/task").body());
            assertEquals(MetadataStandIn.INSTANCE_ID, http.get("/instance").json().get("instanceId").getAsString());
            assertTrue(service.stop(), "the service stops on SIGTERM, as systemd sends it");
        }
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebAppMain.parse(args, DEFAULTS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Captured standard output and error. */
    private static final class Output {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
