package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.lab.SetupProgress.Failure;
import awslab.lab.SetupProgress.Phase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rendered user data for real, as cloud-init would, with stand-ins for what only an
 * instance has: {@code apt-get} and {@code dpkg-deb} (nothing installed; Maven's core package is
 * a jar holding a super POM that names a repository on loopback, which serves the very jars the
 * shell was built with), {@code systemctl} (the boot benchmark's, which runs the unit's
 * {@code ExecStart=}) and long {@code sleep}s (cut short). Everything else is real: the carried
 * sources, the resolver, the SHA-256 check, the compiler, the service and the console lines,
 * read back with {@link SetupProgress}.
 */
class UserDataRunTest {
    private static final Pattern PHASE = Pattern.compile("^awslab-setup: phase=([a-z]+)", Pattern.MULTILINE);
    /** The script's own time on this machine is ~10 s; a loaded machine gets far more. */
    private static final int TIMEOUT_SECONDS = 180;

    @TempDir
    Path dir;
    private HttpServer central;
    private final Set<String> tampered = new java.util.concurrent.CopyOnWriteArraySet<>();
    private Path root;
    private int port;

    @BeforeEach
    void centralOnLoopback() throws IOException {
        Map<String, Path> jars = new HashMap<>();
        for (String line : UserData.dependencies()) {
            Path jar = UserDataTest.dependencyJar(line.split(" ")[0]);
            jars.put(jar.getFileName().toString(), jar);
        }
        central = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        central.createContext("/maven2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path jar = jars.get(path.substring(path.lastIndexOf('/') + 1));
            byte[] body = jar == null ? new byte[0] : Files.readAllBytes(jar);
            if (jar != null && tampered.contains(jar.getFileName().toString())) {
                body[body.length / 2] ^= 1;
            }
            exchange.sendResponseHeaders(jar == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        central.start();
        root = dir.resolve("root");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() throws IOException {
        central.stop(0);
        Path pid = root.resolve("run/awslab-webapp.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(service -> {
                service.destroy();
                service.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(timeout -> {
                    service.destroyForcibly();
                    return null;
                }).join();
            });
        }
    }

    @Test
    void installsTheServiceReportingEachStepOnTheConsoleAndRetryingAFailedDownload() throws Exception {
        Run run = runSetup(Map.of("STANDIN_FAIL_FIRST_UPDATE", "1"));

        assertEquals(0, run.status(), run.console() + run.log());
        assertEquals(List.of("begin", "java", "libraries", "compile", "service", "started"), run.phases());
        assertTrue(run.console().contains(" attempt=2 -- retrying in 10 s: apt-get "), run.console());
        assertTrue(run.console().lines().allMatch(line -> line.startsWith(SetupProgress.MARKER)),
                "the console gets the steps only, the log the rest: " + run.console());
        SetupProgress progress = SetupProgress.parse(run.console());
        assertTrue(progress.started(), progress.toString());
        assertTrue(progress.seconds().isPresent(), progress.toString());

        // the setup ended when the service answered: it serves the seed tasks now
        HttpResponse<String> tasks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/task")).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
        assertEquals(200, tasks.statusCode(), tasks.body());
        for (String seed : awslab.reach.WebServiceProbe.SEED_DESCRIPTIONS) {
            assertTrue(tasks.body().contains("\"" + seed + "\""), tasks.body());
        }
        String unit = Files.readString(root.resolve("etc/systemd/system/awslab-webapp.service"));
        assertTrue(unit.contains("Restart=always") && unit.contains("WantedBy=multi-user.target"), unit);
        assertTrue(unit.contains(" --port " + port + "\n"), unit);
        assertTrue(run.log().contains("/gson-2.13.2.jar: HTTP 200"), "the resolver says what it fetched: " + run.log());
        assertFalse(Files.exists(root.resolve("opt/awslab/maven")), "Maven's unpacked core is removed");
    }

    @Test
    void stopsAtAJarThatIsNotTheOneBuiltWithAndShowsWhyOnTheConsole() throws Exception {
        String gson = UserDataTest.dependencyJar(UserData.dependencies().stream()
                .filter(d -> d.startsWith("com.google.code.gson:gson:")).findFirst().orElseThrow().split(" ")[0])
                .getFileName().toString();
        tampered.add(gson);
        Run run = runSetup(Map.of());

        assertNotEquals(0, run.status(), run.console());
        assertEquals(List.of("begin", "java", "libraries", "failed"), run.phases());
        SetupProgress progress = SetupProgress.parse(run.console());
        assertEquals(Optional.of(new Failure(Phase.LIBRARIES, 1, "sha256sum --check --strict --quiet")), progress.failure(),
                run.console());
        assertTrue(progress.log().stream().anyMatch(line -> line.endsWith(gson + ": FAILED")), progress.log().toString());
        assertTrue(progress.log().size() <= 25, progress.log().toString());
        assertTrue(run.log().contains(gson + ": FAILED"), "the log is kept: " + run.log());
        assertFalse(Files.exists(root.resolve("etc/systemd/system/awslab-webapp.service")), "no service from a wrong jar");
    }

    record Run(int status, String console, String log) {
        List<String> phases() {
            List<String> phases = new ArrayList<>();
            Matcher phase = PHASE.matcher(console);
            while (phase.find()) {
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase.group(1))) {
                    phases.add(phase.group(1));
                }
            }
            return phases;
        }
    }

    /** Runs the rendered user data under {@link #root} with the stand-ins; its output is the console. */
    private Run runSetup(Map<String, String> knobs) throws Exception {
        Path bin = standIns();
        Path script = dir.resolve("user-data.sh");
        Files.writeString(script, UserData.render());
        Path console = dir.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("AWSLAB_ROOT", root.toString());
        env.put("AWSLAB_WEB_PORT", String.valueOf(port));
        env.put("STANDIN_SERVICE_ARGS", "--bind 127.0.0.1");
        env.put("STANDIN_MAVEN_CORE", mavenCore().toString());
        env.putAll(knobs);
        Process setup = builder.start();
        if (!setup.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            setup.destroyForcibly();
            throw new AssertionError("the user data did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(console));
        }
        Path log = root.resolve("var/log/awslab-setup.log");
        return new Run(setup.exitValue(), Files.readString(console), Files.exists(log) ? Files.readString(log) : "");
    }

    /** A jar like Maven's core: its super POM names the loopback repository as central. */
    private Path mavenCore() throws IOException {
        Path jar = dir.resolve("maven-core.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("org/apache/maven/model/pom-4.0.0.xml"));
            zip.write(("<project><repositories><repository><id>central</id><url>http://127.0.0.1:"
                    + central.getAddress().getPort() + "/maven2</url></repository></repositories></project>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private Path standIns() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("apt-get"), """
                #!/bin/bash
                echo "apt-get (stand-in) $*"
                case " $* " in
                  *" update "*)
                    if [ -n "${STANDIN_FAIL_FIRST_UPDATE:-}" ] && [ ! -e "$AWSLAB_ROOT/updated" ]; then
                      touch "$AWSLAB_ROOT/updated"; echo "E: Failed to fetch (stand-in)"; exit 100
                    fi ;;
                  *" download "*) touch "${*: -1}_1.0_all.deb" ;;
                esac
                """);
        executable(bin.resolve("dpkg-deb"), """
                #!/bin/bash
                mkdir -p "$3/usr/share/java" && cp "$STANDIN_MAVEN_CORE" "$3/usr/share/java/maven3-model-builder.jar"
                """);
        executable(bin.resolve("sleep"), """
                #!/bin/bash
                case $1 in [1-9]*) exit 0 ;; esac # a retry's back-off: cut short
                exec /bin/sleep "$@"
                """);
        executable(bin.resolve("journalctl"), "#!/bin/sh\necho '(no journal here)'\n");
        try (InputStream systemctl = UserDataRunTest.class.getResourceAsStream("/awslab/lab/systemctl")) {
            executable(bin.resolve("systemctl"), new String(systemctl.readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.deleteIfExists(bin.resolve("java"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        return bin;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
