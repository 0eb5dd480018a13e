package awslab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The user data that turns a fresh Ubuntu instance into a lab web server: a bash script (16 KB at
 * most, run once at first boot) that installs a Java runtime and Maven from Ubuntu's packages,
 * writes the web service's small jar that it carries, resolves the service's dependencies by
 * their Maven coordinates with Maven's own defaults, checks each against the SHA-256 computed when
 * the shell was built, and installs a systemd service on port 80 that restarts on failure and
 * starts at every boot (so it survives reboot and stop/start). No S3, no IAM role, no credentials.
 *
 * <p>The jar, the dependency list and the JVM flags are resources under {@code /webapp/}, written
 * by the shell's build (see {@code shell/src/build/WebappBundle.java}).
 *
 * <pre>
 * String script = UserData.render();   // plain text; EC2 wants it base64-encoded
 * </pre>
 */
public final class UserData {
    /** EC2's limit on user data, before base64 encoding. */
    public static final int MAX_BYTES = 16 * 1024;
    public static final String MAIN_CLASS = "awslab.webapp.WebApp";
    /** Ubuntu 24.04's default Java, which also satisfies Maven's package dependency. */
    public static final String JAVA_PACKAGE = "openjdk-21-jre-headless";
    /** The one Maven plugin the instance runs, pinned. */
    public static final String DEPENDENCY_PLUGIN_VERSION = "3.8.1";

    private UserData() {}

    /** The script, ready to launch with; throws when the build made it too big. */
    public static String render() {
        String script = text("/awslab/lab/user-data.sh")
                .replace("@JAVA_PACKAGE@", JAVA_PACKAGE)
                .replace("@DEPENDENCY_PLUGIN_VERSION@", DEPENDENCY_PLUGIN_VERSION)
                .replace("@MAIN_CLASS@", MAIN_CLASS)
                .replace("@JVM_OPTIONS@", jvmOptions())
                .replace("@DEPENDENCIES@", String.join("\n", dependencies()))
                .replace("@WEBAPP_JAR_BASE64@", Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(webappJar()));
        int size = script.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new IllegalStateException("the user data is " + size + " bytes, more than EC2's " + MAX_BYTES);
        }
        return script;
    }

    /** The web service's thin jar, as the build wrote it. */
    public static byte[] webappJar() {
        return bytes("/webapp/awslab-webapp.jar");
    }

    /** {@code group:artifact:version SHA256}, one per runtime dependency of the web service. */
    public static List<String> dependencies() {
        return text("/webapp/dependencies.tsv").lines()
                .filter(line -> !line.isBlank())
                .map(line -> line.replace('\t', ' '))
                .toList();
    }

    /** The JVM flags for a t2.micro (small heap, fast start). */
    public static String jvmOptions() {
        return text("/webapp/jvm.options").strip();
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = UserData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + ": build the shell with Maven");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
