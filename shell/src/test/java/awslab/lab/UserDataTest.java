package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataTest {
    private static final String SHELLCHECK_HINT = "shellcheck is needed for this test: apt-get install -y shellcheck";
    private static final Pattern CARRIED_SOURCE = Pattern.compile("cat >\"\\$APP/src/([^\"]+)\" <<'JAVA'\n(.*?)JAVA\n", Pattern.DOTALL);

    @Test
    void fitsInSixteenKilobytesCompressedAndIsValidBash(@TempDir Path dir) throws Exception {
        byte[] sent = UserData.compressed();
        assertTrue(sent.length <= UserData.MAX_BYTES, "user data is " + sent.length + " bytes");
        String script = new String(new GZIPInputStream(new ByteArrayInputStream(sent)).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(UserData.render(), script, "cloud-init gets the script back by gunzip");
        assertEquals(UserData.base64(), Base64.getEncoder().encodeToString(UserData.compressed()), "the same bytes every time");
        Path file = dir.resolve("user-data.sh");
        Files.writeString(file, script);
        Result bash = run(List.of("bash", "-n", file.toString()), "bash is needed for this test");
        assertEquals(0, bash.code(), bash.output());
        Result shellcheck = run(List.of("shellcheck", "-s", "bash", file.toString()), SHELLCHECK_HINT);
        assertEquals(0, shellcheck.code(), shellcheck.output());
    }

    @Test
    void namesNoHostNorCredentialAndInstallsAServiceThatSurvivesReboots() throws IOException {
        String template;
        try (var in = UserData.class.getResourceAsStream("/awslab/lab/user-data.sh")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertFalse(template.contains("://"), "no URL, no repository host: tools use their own defaults");
        String script = UserData.render();
        assertFalse(script.contains("AWS_EC2_METADATA_SERVICE_ENDPOINT="));
        assertFalse(script.contains("AWS_ACCESS_KEY_ID") || script.contains("aws s3"));
        assertTrue(script.contains("UNIT=awslab-webapp.service\n") && script.contains("systemctl enable --now \"$UNIT\""));
        assertTrue(script.contains("Restart=always"));
        assertTrue(script.contains("WantedBy=multi-user.target"));
        assertTrue(script.contains("install -y --no-install-recommends " + UserData.JAVA_PACKAGE + "\n"), "the runtime only");
        assertTrue(script.contains(" download " + UserData.MAVEN_PACKAGE + ")"), "Maven's core is fetched, for its super POM");
        assertFalse(script.contains("apt-get install") && script.contains(" maven\n"), "not Maven and its 38 packages");
        assertTrue(script.contains("sha256sum --check --strict"));
        assertTrue(script.contains("ExecStart=$(command -v java) " + UserData.jvmOptions() + " -cp "), "JVM flags from the build");
        assertFalse(Pattern.compile("@[A-Z_]+@").matcher(script).find(), "every placeholder was filled");
    }

    @Test
    void everyDependencySha256MatchesTheJarOnTheClassPath() throws Exception {
        List<String> dependencies = UserData.dependencies();
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("com.sparkjava:spark-core:")), dependencies.toString());
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("com.google.code.gson:gson:")), dependencies.toString());
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("org.eclipse.jetty:jetty-server:9.4.58")), dependencies.toString());
        assertFalse(dependencies.stream().anyMatch(d -> d.startsWith("com.google.errorprone:")),
                "as the web service's own pom resolves it, which excludes gson's annotations: " + dependencies);
        for (String line : dependencies) {
            String[] parts = line.split(" ");
            assertEquals(parts[1], sha256(Files.readAllBytes(dependencyJar(parts[0]))), parts[0]);
        }
    }

    /** Exactly the web service's sources; {@link UserDataRunTest} compiles them as the script does and serves {@code /task}. */
    @Test
    void carriesTheWebServicesSources() {
        Map<String, String> carried = carriedSources(UserData.render());
        assertEquals(UserData.sources(), carried);
        assertTrue(carried.containsKey(UserData.MAIN_CLASS.replace('.', '/') + ".java"), carried.keySet().toString());
    }

    static Map<String, String> carriedSources(String script) {
        Map<String, String> sources = new LinkedHashMap<>();
        Matcher source = CARRIED_SOURCE.matcher(script);
        while (source.find()) {
            sources.put(source.group(1), source.group(2));
        }
        return sources;
    }

    /** The jar of {@code group:artifact:version} on this test's class path (the same files Maven resolved). */
    static Path dependencyJar(String coordinates) {
        String[] gav = coordinates.split(":");
        String fileName = gav[1] + "-" + gav[2] + ".jar";
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .map(Path::of)
                .filter(p -> p.getFileName().toString().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new AssertionError(fileName + " is not on the test class path"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    record Result(int code, String output) {}

    static Result run(List<String> command, String installHint) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(installHint + " (" + e.getMessage() + ")", e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
