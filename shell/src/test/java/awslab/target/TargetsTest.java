package awslab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which target the options, environment and saved settings choose, without any network call. */
class TargetsTest {
    @TempDir
    Path stateDir;

    @Test
    void precedenceIsEndpointThenProfileThenEnvironmentThenSandbox() {
        Settings settings = Settings.load(new awslab.state.StateFiles(damage -> {}), stateDir);
        Targets none = new Targets(stateDir, Map.of());
        assertEquals(Target.sandbox("us-east-1"), none.resolve(null, null, null, settings));
        assertEquals(Target.Kind.ENDPOINT, none.resolve("http://127.0.0.1:5000", "p", null, settings).kind());
        Targets envEndpoint = new Targets(stateDir, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")),
                envEndpoint.resolve(null, null, null, settings).endpoint());
        assertEquals(Target.aws("lab", "us-west-2"), none.resolve(null, "lab", "us-west-2", settings));
        Targets envKeys = new Targets(stateDir, Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_REGION", "us-west-2"));
        assertEquals(Target.aws(null, "us-west-2"), envKeys.resolve(null, null, null, settings));
        settings.set(Settings.PROFILE, Targets.CONNECT_PROFILE);
        settings.set(Settings.REGION, "us-west-2");
        assertEquals(Target.aws("awslab", "us-west-2"), none.resolve(null, null, null, settings));
        assertEquals(Target.aws("other", "us-east-1"), none.resolve(null, "other", "us-east-1", settings));
    }

    @Test
    void whatIsMissingIsKnownWithoutTheNetwork() {
        Targets targets = new Targets(stateDir, Map.of());
        assertEquals("err.target.sandbox.unavailable", targets.missing(Target.sandbox("us-east-1")).orElseThrow().key());
        assertEquals("err.target.credentials.none", targets.missing(Target.aws("awslab", "us-east-1")).orElseThrow().key());
        assertEquals("err.target.profile.unknown", targets.missing(Target.aws("nope", "us-east-1")).orElseThrow().key());
        assertTrue(targets.missing(Target.endpoint(URI.create("http://127.0.0.1:1"), "us-east-1")).isEmpty());
        assertThrows(UserException.class, () -> Targets.parseEndpoint("not a url"));
        assertThrows(UserException.class, () -> Targets.parseEndpoint("ftp://127.0.0.1"));
    }
}
