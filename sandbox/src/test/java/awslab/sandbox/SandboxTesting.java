package awslab.sandbox;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Shared helpers of the sandbox tests: a fast sandbox on the stub web service, bounded waits, HTTP GETs. */
public final class SandboxTesting {
    private SandboxTesting() {}

    public static Sandbox startFast(Path stateDir) throws IOException {
        return Sandbox.start(new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), false));
    }

    /**
     * How tests start a sandbox service process: any free port (never the fixed one), the fast
     * pace, the stub web service, and a short idle stop so that a test that fails half-way leaves
     * nothing running for long.
     */
    public static SandboxClient.Launch launch() {
        return SandboxClient.Launch.defaults().withPort(0).withPace("fast").withWebappMain(StubWebApp.class.getName())
                .withIdleStop(Duration.ofMinutes(3));
    }

    /** Stops the sandbox service of this state directory, if one runs (a test's clean-up). */
    public static void stopService(Path stateDir) {
        SandboxClient.find(stateDir).ifPresent(sandbox -> sandbox.stop(Duration.ofSeconds(30)));
    }

    /** An SDK client builder pointed at a sandbox's endpoint, as any AWS client would be. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Sandbox.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    /**
     * A security group as the lab's: HTTP from anywhere, SSH from the student's own address (the
     * sandbox enforces security groups, as AWS does).
     */
    public static String labGroup(Ec2Client ec2, String name) {
        String group = ec2.createSecurityGroup(b -> b.groupName(name).description("lab: HTTP from anywhere, SSH from the student"))
                .groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(r -> r.cidrIp("0.0.0.0/0")),
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(r -> r.cidrIp(Sandbox.STUDENT_IP + "/32"))));
        return group;
    }

    /** Everything a stream delivers, collected by a background thread while the test goes on (an SSH session's screen). */
    public static StringBuilder collect(java.io.InputStream in) {
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the session ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return seen;
    }

    /** Polls until the condition holds, at most {@code timeout}; fails with {@code what} otherwise. */
    public static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /** The body of a GET, or null when nothing answers (connection refused, timeout). */
    public static String get(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            if (connection.getResponseCode() != 200) {
                return null;
            }
            return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
