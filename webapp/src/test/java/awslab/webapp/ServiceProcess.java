package awslab.webapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web service in a JVM of its own, as an instance or the sandbox runs it: chosen JVM flags,
 * a free port on 127.0.0.1, its memory readable from {@code /proc}; {@link #close()} sends
 * SIGTERM, as systemd does.
 *
 * <pre>{@code
 * try (ServiceProcess service = ServiceProcess.start(ServiceProcess.instanceFlags(), Map.of())) {
 *     new Http(service.uri()).get("/task");
 * }
 * }</pre>
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final URI uri;
    private final StringBuilder output = new StringBuilder();

    private ServiceProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** The flags of {@code webapp/jvm.options}: a t2.micro's (read from the module's folder, where Maven runs tests). */
    static List<String> instanceFlags() {
        Path options = Path.of("jvm.options").toFile().exists() ? Path.of("jvm.options") : Path.of("webapp", "jvm.options");
        try {
            return Arrays.asList(Files.readString(options, StandardCharsets.UTF_8).strip().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + options.toAbsolutePath(), e);
        }
    }

    /** Starts {@code awslab.webapp.WebApp} from this JVM's class path with {@code jvmFlags}; waits (20 s at most) until it listens. */
    static ServiceProcess start(List<String> jvmFlags, Map<String, String> env, String... args) throws Exception {
        return start(System.getProperty("java.class.path"), jvmFlags, env, args);
    }

    /** As above, from {@code classpath}: another build of the service, to compare. */
    static ServiceProcess start(String classpath, List<String> jvmFlags, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, "awslab.webapp.WebApp",
                "--bind", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String banner;
        try {
            banner = CompletableFuture.supplyAsync(() -> readLine(lines)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not start within 20 s", e);
        }
        Matcher port = LISTENING.matcher(banner);
        if (!port.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not start: " + banner);
        }
        ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port.group(1) + "/"));
        Thread drain = new Thread(() -> lines.lines().forEach(line -> service.output.append(line).append('\n')), "service-output");
        drain.setDaemon(true);
        drain.start();
        return service;
    }

    URI uri() {
        return uri;
    }

    int port() {
        return uri.getPort();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed after its banner (nothing, normally). */
    String output() {
        return output.toString();
    }

    /** A {@code /proc/PID/status} figure in kB ({@code VmRSS}, {@code VmHWM}), or a count ({@code Threads}). */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(field);
    }

    /** Its open file descriptors (sockets included). */
    long openFiles() {
        try (var files = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 10 s; true when SIGTERM was enough. */
    boolean stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(10, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String readLine(BufferedReader reader) {
        try {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
