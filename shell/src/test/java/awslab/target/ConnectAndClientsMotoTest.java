package awslab.target;

import awslab.api.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.Main;
import awslab.api.UserException;
import awslab.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/** connect, status and the client factory against Moto (the shell keeps the emulator's endpoint). */
class ConnectAndClientsMotoTest {
    static final String BLOCK = "[default]\naws_access_key_id=ASIAEXAMPLEKEY12345\n"
            + "aws_secret_access_key=VerySecretValue/abc+123\naws_session_token=IQoJb3JpZ2luX2VjEXAMPLETOKEN==\n";

    @TempDir
    Path home;

    String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new Main.Io(new ByteArrayInputStream(new byte[0]), out,
                Map.of("AWSLAB_HOME", home.toString()), false));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, text);
        return text;
    }

    @Test
    void connectKeepsThePastedCredentialsPrivateAndVerifiesTheAccount() throws Exception {
        String moto = MotoServer.get().endpoint().toString();
        Path block = home.resolve("pasted.txt");
        Files.writeString(block, BLOCK);
        String out = run(0, "--lang", "en", "--endpoint-url", moto, "connect", "--from", block.toString());
        assertTrue(out.contains("Connected: account 123456789012, region us-east-1"), out);
        assertFalse(out.contains("VerySecretValue") || out.contains("IQoJb3JpZ2lu"), "never echoed: " + out);
        assertTrue(out.contains("ASIA…2345"), out);
        Path credentials = home.resolve("credentials");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertTrue(Files.readString(credentials).contains("[awslab]"));
        assertTrue(Files.readString(home.resolve("settings.properties")).contains("profile=awslab"));

        String status = run(0, "--lang", "fr", "--endpoint-url", moto, "status");
        assertTrue(status.contains("Cible : émulateur à " + moto), status);
        assertTrue(status.contains("Compte : 123456789012"), status);
    }

    @Test
    void connectSaysWhatIsWrong() throws Exception {
        String moto = MotoServer.get().endpoint().toString();
        Path block = home.resolve("partial.txt");
        Files.writeString(block, "aws_access_key_id=ASIAONLY\n");
        assertTrue(run(1, "--lang", "en", "--endpoint-url", moto, "connect", "--from", block.toString())
                .contains("This is not a complete credentials block"));
        assertTrue(run(1, "--lang", "en", "connect", "--profile", "no-such-profile")
                .contains("There is no AWS profile named \"no-such-profile\""));
        assertTrue(run(1, "--lang", "en", "connect").contains("There is no terminal to paste into"));
    }

    @Test
    void anUnreachableEndpointIsSaidPlainly() {
        String out = run(1, "--lang", "en", "--endpoint-url", "http://127.0.0.1:1", "status");
        assertTrue(out.contains("Cannot reach the AWS endpoint"), out);
        assertFalse(out.contains("\tat "), out);
    }

    @Test
    void aRegisteredLocalCloudServesTheSandboxTarget() {
        URI moto = MotoServer.get().endpoint();
        awslab.cli.ShellFixture shell = awslab.cli.ShellFixture.on(Target.sandbox("us-east-1"), home, awslab.i18n.Language.EN);
        shell.session().targets().localCloud(() -> new LocalCloud() {
            @Override
            public URI endpoint() {
                return moto;
            }

            @Override
            public awslab.api.Reachability reachability() {
                return awslab.api.Reachability.NONE;
            }
        });
        String status = shell.run("status");
        assertTrue(status.contains("Target: local sandbox"), status);
        assertTrue(status.contains("Account: 123456789012"), status);
        assertEquals(moto, shell.session().clients().ec2().serviceClientConfiguration().endpointOverride().orElseThrow());
    }

    @Test
    void explainIsASavedSetting() {
        awslab.cli.ShellFixture shell = awslab.cli.ShellFixture.on(Target.sandbox("us-east-1"), home, awslab.i18n.Language.EN);
        assertTrue(shell.run("explain on").contains("Explanations are on"));
        assertTrue(shell.session().explain());
        shell.session().progress().apiCall("aws ec2 describe-instances", "ec2.describeInstances()");
        assertTrue(shell.output().contains("AWS CLI: aws ec2 describe-instances"), shell.output());
        assertTrue(shell.run("explain maybe").contains("Unknown choice \"maybe\""));
        assertTrue(shell.run("explain off").contains("Explanations are off"));
    }

    @Test
    void theFactoryBuildsEveryClientForTheTarget() {
        URI moto = MotoServer.get().endpoint();
        Target target = Target.endpoint(moto, "us-west-2");
        try (AwsClients clients = ClientFactory.build(target, new Targets(home, Map.of()).credentials(target))) {
            assertEquals(Region.US_WEST_2, clients.ec2().serviceClientConfiguration().region());
            assertEquals(moto, clients.elb().serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals("123456789012", Identity.of(clients.sts()).account());
            assertTrue(clients.autoScaling().describeAutoScalingGroups().autoScalingGroups().isEmpty());
            // A real AWS error from the emulator, explained.
            try {
                clients.ec2().describeInstances(r -> r.instanceIds("i-0123456789abcdef0"));
                throw new AssertionError("Moto should not know this instance");
            } catch (SdkException e) {
                UserException explained = AwsErrors.explain(e);
                assertEquals("err.aws.notfound", explained.key());
                assertEquals("InvalidInstanceID.NotFound", explained.args()[0]);
            }
        }
    }
}
