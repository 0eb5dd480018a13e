package awslab.webapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long run of the web-service corpus (bench/reliability/webapp.sh runs it): the service in
 * its own JVM with an instance's flags, a flood of clients, then the corpus in two halves (the
 * second under a wrk flood of GET /task, when wrk is installed), /health watched throughout;
 * prints the figures of bench/reliability/RESULTS.md and exits 1 if any is not zero.
 *
 * <pre>
 * java -cp TEST_CLASSPATH awslab.webapp.ReliabilityMain --requests 100000 --seed 14 --wrk 60
 * java -cp TEST_CLASSPATH awslab.webapp.ReliabilityMain --service-classpath OTHER_BUILD.jar   # to compare
 * </pre>
 */
public final class ReliabilityMain {
    private static final Duration IDLE_WAIT = JsonErrorJetty.IDLE_TIMEOUT.plusSeconds(5);
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private ReliabilityMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int requests = Integer.parseInt(options.getOrDefault("--requests", "100000"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "14"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "16"));
        int clients = Integer.parseInt(options.getOrDefault("--clients", "100"));
        int operations = Integer.parseInt(options.getOrDefault("--operations", "200"));
        int wrkSeconds = Integer.parseInt(options.getOrDefault("--wrk", "60"));
        Path jvmOptions = Path.of(options.getOrDefault("--jvm-options", "webapp/jvm.options"));
        List<String> flags = Arrays.asList(Files.readString(jvmOptions, StandardCharsets.UTF_8).strip().split("\\s+"));
        Duration bound = WebAppConfig.Limits.DEFAULT.bodyTimeout().plusSeconds(5);

        String classpath = options.getOrDefault("--service-classpath", System.getProperty("java.class.path"));

        try (MetadataStandIn.Speaking imds = MetadataStandIn.requiringTokens();
                ServiceProcess service = ServiceProcess.start(classpath, flags,
                        Map.of(WebAppConfig.METADATA_ENDPOINT_ENV, imds.endpoint().toString()))) {
            Http http = new Http(service.uri());
            http.get("/instance"); // its first look-up may turn concurrent callers away (README): do it once
            Figures before = Figures.of(service);
            long started = System.nanoTime();
            Flood.Result flood;
            CorpusRun.Tally first;
            CorpusRun.Tally second;
            Figures middle;
            String wrk = "not run";
            try (HealthWatch health = HealthWatch.start(service.uri())) {
                flood = Flood.run(service.uri(), clients, operations, seed);
                first = CorpusRun.run(service.port(), seed, requests / 2, threads, bound);
                middle = Figures.of(service);
                CompletableFuture<String> load = wrkSeconds > 0 ? wrk(service, wrkSeconds) : CompletableFuture.completedFuture("not run");
                second = CorpusRun.run(service.port(), seed + 1_000_000, requests - requests / 2, threads, bound);
                wrk = load.get(wrkSeconds + 60L, TimeUnit.SECONDS);
                health.close();
                // The flood's clients keep their connections pooled: past the idle timeout, the
                // service must have closed them all, and be back to its own files and threads.
                Thread.sleep(IDLE_WAIT.toMillis());
                Figures after = Figures.of(service);
                boolean alive = service.isAlive();
                boolean stoppedCleanly = service.stop();
                String printed = service.output();
                report(requests, seed, flags, flood, first, second, health, wrk, before, middle, after, alive, stoppedCleanly,
                        printed, Duration.ofNanos(System.nanoTime() - started));
                long bad = first.failures() + second.failures() + flood.lost() + flood.orphans() + flood.unexpected()
                        + health.failures() + (alive ? 0 : 1) + (stoppedCleanly ? 0 : 1) + (printed.isBlank() ? 0 : 1);
                System.exit(bad == 0 ? 0 : 1);
            }
        }
    }

    /**
     * Resident memory, its peak, open files and threads of the service (from /proc), the heap
     * still used after a full collection (jcmd), and the tasks it holds.
     */
    record Figures(long rssKb, long peakKb, long openFiles, long threads, long liveHeapKb, int tasks) {
        static Figures of(ServiceProcess service) throws Exception {
            int tasks = new Http(service.uri()).get("/task").json().get("Count").getAsInt();
            return new Figures(service.status("VmRSS"), service.status("VmHWM"), service.openFiles(), service.status("Threads"),
                    liveHeapKb(service.pid()), tasks);
        }

        /** {@code jcmd PID GC.run}, then the generations' "used" of {@code GC.heap_info}, summed; -1 without jcmd. */
        private static long liveHeapKb(long pid) throws Exception {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (!Files.isExecutable(jcmd)) {
                return -1;
            }
            new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor(30, TimeUnit.SECONDS);
            long used = -1;
            Matcher generation = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(out);
            while (generation.find()) {
                used = Math.max(used, 0) + Long.parseLong(generation.group(1));
            }
            return used;
        }
    }

    private static void report(int requests, long seed, List<String> flags, Flood.Result flood, CorpusRun.Tally first,
            CorpusRun.Tally second, HealthWatch health, String wrk, Figures before, Figures middle, Figures after,
            boolean alive, boolean stoppedCleanly, String printed, Duration took) {
        CorpusRun.Tally both = merged(first, second);
        System.out.printf("""
                date:     %s
                seed:     %d, %d requests, flags: %s
                took:     %d s

                tries:    %d corpus requests (%d 2xx, %d 4xx, %d unanswered incomplete ones) + %d flood requests
                crashes:  %s; stopped on SIGTERM: %s
                5xx:      %d
                traces:   %d answers naming Java; service output: %s
                hangs:    %d corpus answers past their bound; /health: %s
                other:    %d closed without an answer, %d truncated, %d not JSON, %d errors without status and detail
                losses:   %d tasks lost, %d unexpected answers in the flood (%d tasks created)
                orphans:  %d tasks nobody made; connections left open %d s after the clients left: %+d open files
                leaks:    live heap after a full GC %d → %d → %d KB (start, middle, end; holding %d → %d → %d tasks);
                          RSS %d → %d → %d MB, peak %d MB; threads %d → %d → %d; open files %d → %d → %d
                wrk:      %s

                statuses: %s
                """,
                START, seed, requests, String.join(" ", flags), took.toSeconds(),
                both.get("tries"), both.get("2xx"), both.get("4xx"), both.get("unanswered (incomplete on purpose)"), flood.requests(),
                alive ? "0 (the service ran throughout)" : "1 (the service died)", stoppedCleanly ? "yes" : "no (killed)",
                both.get("5xx"), both.get("traces"), printed.isBlank() ? "none" : printed.lines().count() + " lines",
                both.get("hangs"), health.report(),
                both.get("closed without an answer"), both.get("truncated answers"), both.get("not JSON"),
                both.get("errors without status and detail"),
                flood.lost(), flood.unexpected(), flood.created(),
                flood.orphans(), IDLE_WAIT.toSeconds(), after.openFiles() - before.openFiles(),
                before.liveHeapKb(), middle.liveHeapKb(), after.liveHeapKb(), before.tasks(), middle.tasks(), after.tasks(),
                before.rssKb() / 1024, middle.rssKb() / 1024, after.rssKb() / 1024, after.peakKb() / 1024,
                before.threads(), middle.threads(), after.threads(), before.openFiles(), middle.openFiles(), after.openFiles(),
                wrk, both.statuses());
        if (both.failures() > 0 || !flood.samples().isEmpty()) {
            System.out.println("first failures:\n" + first.report() + second.report() + String.join("\n", flood.samples()));
        }
        if (!printed.isBlank()) {
            System.out.println("service output:\n" + printed);
        }
    }

    private static CorpusRun.Tally merged(CorpusRun.Tally first, CorpusRun.Tally second) {
        CorpusRun.Tally both = new CorpusRun.Tally();
        both.add(first);
        both.add(second);
        return both;
    }

    /** wrk on GET /task for {@code seconds} with 200 connections, in the background; its summary line. */
    private static CompletableFuture<String> wrk(ServiceProcess service, int seconds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Process wrk = new ProcessBuilder("wrk", "-t2", "-c200", "-d" + seconds + "s", "--latency",
                        service.uri().resolve("/task").toString()).redirectErrorStream(true).start();
                String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                wrk.waitFor();
                return summary(out);
            } catch (IOException e) {
                return "wrk is missing (sudo apt-get install wrk): " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });
    }

    private static String summary(String wrk) {
        List<String> parts = new ArrayList<>();
        Matcher requests = Pattern.compile("(\\d+) requests in ([\\d.]+\\w+)").matcher(wrk);
        if (requests.find()) {
            parts.add(requests.group(1) + " GET /task in " + requests.group(2) + " at 200 connections");
        }
        for (String field : List.of("Requests/sec:", "99%")) {
            Matcher m = Pattern.compile(Pattern.quote(field) + "\\s+(\\S+)").matcher(wrk);
            if (m.find()) {
                parts.add(field.replace(":", "") + " " + m.group(1));
            }
        }
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(wrk);
        parts.add((non2xx.find() ? non2xx.group(1) : "0") + " non-2xx");
        Matcher errors = Pattern.compile("Socket errors: (.*)").matcher(wrk);
        parts.add(errors.find() ? "socket errors: " + errors.group(1) : "no socket errors");
        return String.join(", ", parts);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
