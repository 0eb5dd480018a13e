package awslab.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The user data that turns a fresh Ubuntu instance into a lab web server: a bash script, run
 * once at first boot, that installs a Java runtime from Ubuntu's packages, writes the web
 * service's sources that it carries, fetches the service's dependencies by their Maven
 * coordinates from Maven's own default remote repository (named in the super POM of Ubuntu's
 * Maven package, unpacked for that, so no host name is written anywhere), checks each jar against
 * the SHA-256 computed when the shell was built, compiles the service with the compiler the
 * runtime carries, and installs a systemd service on port 80 that restarts on failure and starts
 * at every boot (so it survives reboot and stop/start). No S3, no IAM role, no credentials.
 *
 * <p>It reports each step on the instance's console, which {@code GetConsoleOutput} returns: see
 * {@link SetupProgress} for those lines and how to read them. The whole log stays in
 * {@code /var/log/awslab-setup.log}.
 *
 * <p>EC2 takes at most 16 KB of user data. The service's compiled classes do not fit, even
 * compressed; its sources do, once the script is gzip-compressed — cloud-init decompresses
 * gzip user data by itself. The sources, the dependency list and the JVM flags are resources
 * under {@code /webapp/}, written by the shell's build ({@code shell/src/build/WebappBundle.java}).
 * {@code bench/boot/} runs it on a clean Debian system and times it.
 *
 * <pre>
 * String script = UserData.render();            // the plain script, to read or test
 * runInstances(r -> r.userData(UserData.base64())); // what EC2 and launch templates take
 * </pre>
 */
public final class UserData {
    /** EC2's limit on user data, before base64 encoding. */
    public static final int MAX_BYTES = 16 * 1024;
    public static final String MAIN_CLASS = "awslab.webapp.WebApp";
    /**
     * Ubuntu 24.04's default Java runtime, also Debian 13's: its module image holds the compiler
     * ({@code jdk.compiler}), so the JDK package's 70 MB more (its jmods and tools) are not needed.
     */
    public static final String JAVA_PACKAGE = "openjdk-21-jre-headless";
    /**
     * Ubuntu's package of Maven's core (Debian's too), whose super POM names Maven's default remote
     * repository; unpacked, not installed: Maven itself would bring 38 packages.
     */
    public static final String MAVEN_PACKAGE = "libmaven3-core-java";
    private static final String SOURCE_DELIMITER = "JAVA";

    private UserData() {}

    /** The plain script. */
    public static String render() {
        return withoutComments(text("/awslab/lab/user-data.sh"))
                .replace("@JAVA_PACKAGE@", JAVA_PACKAGE)
                .replace("@MAVEN_PACKAGE@", MAVEN_PACKAGE)
                .replace("@MAIN_CLASS@", MAIN_CLASS)
                .replace("@JVM_OPTIONS@", jvmOptions())
                .replace("@DEPENDENCIES@", String.join("\n", dependencies()))
                .replace("@SOURCES@", sourcesBlock());
    }

    /** The script gzip-compressed, as sent; throws when the build made it bigger than EC2 takes. */
    public static byte[] compressed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(render().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() > MAX_BYTES) {
            throw new IllegalStateException("the user data is " + bytes.size() + " bytes compressed, more than EC2's " + MAX_BYTES);
        }
        return bytes.toByteArray();
    }

    /** What {@code RunInstances} and launch templates take: the compressed script, base64-encoded. */
    public static String base64() {
        return Base64.getEncoder().encodeToString(compressed());
    }

    /** The web service's carried sources: path under {@code src/} to compacted source text. */
    public static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String path : text("/webapp/sources.list").lines().filter(l -> !l.isBlank()).toList()) {
            sources.put(path, text("/webapp/sources/" + path));
        }
        return sources;
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

    /**
     * The template without the comments on lines of their own, but its header's: they explain it to
     * its developers, and EC2 counts their bytes.
     */
    private static String withoutComments(String template) {
        List<String> lines = template.lines().toList();
        int header = 0;
        while (header < lines.size() && lines.get(header).startsWith("#")) {
            header++;
        }
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i < header || !(line.startsWith("# ") || line.equals("#"))) {
                script.append(line).append('\n');
            }
        }
        return script.toString();
    }

    private static String sourcesBlock() {
        StringBuilder block = new StringBuilder();
        List<String> folders = sources().keySet().stream()
                .map(p -> p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "")
                .distinct()
                .map(folder -> "\"$APP/src/" + folder + "\"")
                .toList();
        block.append("install -d ").append(String.join(" ", folders)).append('\n');
        sources().forEach((path, source) -> {
            if (source.lines().anyMatch(SOURCE_DELIMITER::equals)) {
                throw new IllegalStateException(path + " has a line that ends the user data's here-document");
            }
            block.append("cat >\"$APP/src/").append(path).append("\" <<'").append(SOURCE_DELIMITER).append("'\n")
                    .append(source.endsWith("\n") ? source : source + "\n")
                    .append(SOURCE_DELIMITER).append('\n');
        });
        return block.toString().stripTrailing();
    }

    private static String text(String resource) {
        try (InputStream in = UserData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + ": build the shell with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
