package awslab.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A Moto server (the AWS emulator) on 127.0.0.1, one per test JVM, started on first use and
 * stopped when the JVM exits. It is the stand-in for AWS in every SDK test: the real SDK talks
 * to it over HTTP.
 *
 * <p>A test that needs Moto and cannot start it fails with a message that says how to install
 * it; it is never skipped.
 *
 * <pre>
 * Ec2Client ec2 = MotoServer.get().configure(Ec2Client.builder()).build();
 * MotoServer.get().reset(); // wipe state between tests
 * </pre>
 *
 * <p>Set up as DESIGN.md's Moto facts say: key, AMI and instance-type validation on, and an
 * Ubuntu 24.04 AMI from Canonical's owner id loaded through {@code MOTO_AMIS_PATH}.
 */
public final class MotoServer {
    public static final String INSTALL_HINT =
            "Moto is needed for this test: pip install \"moto[server]==5.2.1\" (python3 -m moto.server must run)";
    /** The Ubuntu 24.04 image the emulator knows (see src/test/resources/moto/amis.json). */
    public static final String UBUNTU_AMI = "ami-0a0e5d9c7acc336f1";

    private static MotoServer instance;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The shared server, started on first call. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
            MotoServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-stop"));
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Points an SDK client builder at this server, with the explicit test region and credentials. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    /** Wipes every resource (Moto's {@code POST /moto-api/reset}); the custom AMIs come back. */
    public void reset() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10000);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("Moto reset answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset Moto at " + endpoint, e);
        }
    }

    private static MotoServer start() {
        int port = freePort();
        Path amis = copyAmis();
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port));
        builder.environment().put("MOTO_AMIS_PATH", amis.toString());
        builder.environment().put("MOTO_ENABLE_KEYPAIR_VALIDATION", "true");
        builder.environment().put("MOTO_ENABLE_AMI_VALIDATION", "true");
        builder.environment().put("MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION", "true");
        builder.redirectErrorStream(true);
        File log = new File(System.getProperty("java.io.tmpdir"), "awslab-moto-" + port + ".log");
        builder.redirectOutput(log);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL_HINT + " (python3 not found: " + e.getMessage() + ")", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(INSTALL_HINT + " (it exited with " + process.exitValue() + ": " + tail(log) + ")");
            }
            if (answers(endpoint)) {
                return new MotoServer(process, endpoint);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(INSTALL_HINT + " (no answer on " + endpoint + " within 30 s: " + tail(log) + ")");
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            URL url = endpoint.resolve("/moto-api/data.json").toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path copyAmis() {
        try (var in = MotoServer.class.getResourceAsStream("/moto/amis.json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /moto/amis.json");
            }
            Path file = Files.createTempFile("awslab-moto-amis", ".json");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(File log) {
        try {
            String text = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            return text.length() > 800 ? text.substring(text.length() - 800) : text;
        } catch (IOException e) {
            return "no log";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for Moto", e);
        }
    }
}
