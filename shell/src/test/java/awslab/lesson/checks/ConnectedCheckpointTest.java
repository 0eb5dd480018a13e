package awslab.lesson.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Reachability;
import awslab.api.AwsClients;
import awslab.testing.TestShellContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class ConnectedCheckpointTest {

    @Test
    void passesWhenStsSaysWhoTheCallerIsAndRecordsAccountAndRegion() {
        Map<String, String> facts = new HashMap<>();
        CheckResult result = new ConnectedCheckpoint().verify(new CheckContext(TestShellContext.motoClients(), Reachability.NONE, facts));
        assertEquals(CheckResult.Outcome.PASSED, result.outcome(), result.toString());
        assertEquals("123456789012", facts.get("account"), "Moto's default account");
        assertEquals("us-east-1", facts.get("region"));
        String text = Messages.load(Language.FR).get(result.messageKey(), result.args().toArray());
        assertTrue(text.startsWith("Connecté(e) au compte 123456789012 dans la région us-east-1"), text);
    }

    @Test
    void failsWithWhatToDoWhenAwsDoesNotAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AwsClients moto = TestShellContext.motoClients();
        try (StsClient unreachable = StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            AwsClients clients = new AwsClients(moto.ec2(), moto.autoScaling(), moto.elb(), unreachable, moto.ssm(), moto.cloudWatch());
            CheckResult result = new ConnectedCheckpoint().verify(new CheckContext(clients, Reachability.NONE, new HashMap<>()));
            assertEquals(CheckResult.Outcome.FAILED, result.outcome());
            String text = Messages.load(Language.EN).get(result.messageKey(), result.args().toArray());
            assertTrue(text.startsWith("Expected: AWS to say who you are"), text);
            assertTrue(text.contains("Next:"), text);
        }
    }
}
