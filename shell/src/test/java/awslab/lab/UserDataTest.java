package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataTest {
    private static final String SHELLCHECK_HINT = "shellcheck is needed for this test: apt-get install -y shellcheck";

    @Test
    void fitsInSixteenKilobytesAndIsValidBash(@TempDir Path dir) throws Exception {
        String script = UserData.render();
        int size = script.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size <= UserData.MAX_BYTES, "user data is " + size + " bytes");
        Path file = dir.resolve("user-data.sh");
        Files.writeString(file, script);
        Result bash = run(List.of("bash", "-n", file.toString()), "bash is needed for this test");
        assertEquals(0, bash.code(), bash.output());
        Result shellcheck = run(List.of("shellcheck", "-s", "bash", file.toString()), SHELLCHECK_HINT);
        assertEquals(0, shellcheck.code(), shellcheck.output());
    }

    @Test
    void namesNoHostNorCredentialAndInstallsAServiceThatSurvivesReboots() {
        String script = UserData.render();
        assertFalse(script.contains("://"), "no URL, no repository host: tools use their own defaults");
        assertFalse(script.contains("AWS_EC2_METADATA_SERVICE_ENDPOINT"));
        assertFalse(script.contains("AWS_ACCESS_KEY_ID") || script.contains("aws s3"));
        assertTrue(script.contains("systemctl enable --now awslab-webapp.service"));
        assertTrue(script.contains("Restart=always"));
        assertTrue(script.contains("WantedBy=multi-user.target"));
        assertTrue(script.contains("apt-get install -y -q --no-install-recommends " + UserData.JAVA_PACKAGE + " maven"));
        assertTrue(script.contains("sha256sum --check --strict"));
        assertTrue(script.contains("/usr/bin/java " + UserData.jvmOptions() + " -cp "), "JVM flags from the build");
        assertFalse(Pattern.compile("@[A-Z_]+@").matcher(script).find(), "every placeholder was filled");
    }

    @Test
    void carriesTheRealWebServiceJar() throws Exception {
        byte[] carried = extractJar(UserData.render());
        assertArrayEquals(UserData.webappJar(), carried);
        int classes = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(carried))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                try (InputStream real = getClass().getResourceAsStream("/" + entry.getName())) {
                    assertNotNull(real, entry.getName() + " is on the web service's class path");
                    assertArrayEquals(real.readAllBytes(), bytes, entry.getName());
                }
                classes += entry.getName().endsWith(".class") ? 1 : 0;
            }
        }
        assertNotNull(getClass().getResource("/" + UserData.MAIN_CLASS.replace('.', '/') + ".class"));
        assertTrue(classes >= 1);
    }

    @Test
    void everyDependencySha256MatchesTheJarOnTheClassPath() throws Exception {
        List<String> dependencies = UserData.dependencies();
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("com.sparkjava:spark-core:")), dependencies.toString());
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("com.google.code.gson:gson:")), dependencies.toString());
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("org.eclipse.jetty:jetty-server:9.4.58")), dependencies.toString());
        String[] classPath = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
        for (String line : dependencies) {
            String[] parts = line.split(" ");
            String[] gav = parts[0].split(":");
            String fileName = gav[1] + "-" + gav[2] + ".jar";
            Path jar = List.of(classPath).stream().map(Path::of).filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError(fileName + " is not on the test class path"));
            assertEquals(parts[1], sha256(Files.readAllBytes(jar)), fileName);
        }
    }

    static byte[] extractJar(String script) {
        Matcher jar = Pattern.compile("<<'JAR'\n(.*?)\nJAR\n", Pattern.DOTALL).matcher(script);
        assertTrue(jar.find(), "the script carries the jar in a heredoc");
        return Base64.getMimeDecoder().decode(jar.group(1));
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
