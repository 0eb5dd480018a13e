package awslab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.lab.LabTags;
import awslab.sandbox.SandboxClient;
import awslab.target.ClientFactory;
import awslab.target.Target;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The live run's harness on the sandbox, so that what must hold on AWS is tested on every change:
 * the whole run goes through and leaves nothing; a ceiling too low refuses before anything is
 * spent; a step that fails mid-run (the instance stopped behind its back), and the time ceiling,
 * stop a run half-way and it still cleans up; Ctrl-C (a real SIGINT to
 * the harness's own process) does the same. Each time, nothing tagged is left — looked at
 * afresh by another sandbox service over the run's saved state, not by the run itself.
 */
class LiveRunSandboxTest {
    @TempDir
    Path dir;

    private LiveRun.Options options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--target", "sandbox", "--fast", "--home", dir.resolve("home").toString(),
                "--results", dir.resolve("RESULTS.md").toString()));
        args.addAll(List.of(extra));
        return LiveRun.parse(args.toArray(String[]::new), Map.of());
    }

    private int runHere(LiveRun.Options options, ByteArrayOutputStream out) throws Exception {
        return new LiveRun(options, new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC(), false).run();
    }

    /**
     * What the shell's tags mark in the sandbox's saved state, seen by a sandbox service of the
     * test's own, started afresh on the run's state folder after the run stopped its own.
     */
    private List<String> leftInSavedState() throws Exception {
        Path home = dir.resolve("home");
        assertTrue(SandboxClient.find(home).isEmpty(), "the run stopped the sandbox it started");
        SandboxClient sandbox = SandboxClient.start(home,
                SandboxClient.Launch.defaults().withPort(0).withPace("fast").withIdleStop(Duration.ofMinutes(5)));
        try (AwsClients clients = ClientFactory.build(Target.endpoint(sandbox.endpoint(), "us-east-1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("live", "live")))) {
            assertEquals(List.of(), sandbox.status().damaged(), "the run's saved state is whole");
            return Leftovers.in(clients);
        } finally {
            sandbox.stop(Duration.ofSeconds(60));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theWholeRunGoesThroughMeasuresAndLeavesNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = runHere(options(), out);
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(LiveRun.OK, code, log);
        String results = Files.readString(dir.resolve("RESULTS.md"));
        for (String measure : List.of("launch → web service answers", "fleet create → healthy targets",
                "terminate → replacement healthy", "burn → scale-out", "scale-in")) {
            assertTrue(results.matches("(?s).*\\| " + measure + "[^|]* \\| [0-9.]+ \\| yes \\|.*"), measure + " in\n" + results);
        }
        assertTrue(results.contains("**went through**") && results.contains("left after cleanup: nothing tagged"), results);
        assertTrue(results.contains("| 01-premiere-instance/ssh |"), results);
        assertEquals(List.of(), leftInSavedState());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aStepThatFailsMidRunStopsItAndItStillCleansUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Integer> run = runner.submit(() -> runHere(options(), out));
        // Behind the run's back, the student's instance is stopped as soon as it runs: lesson 1 fails there.
        String stopped = null;
        AwsClients clients = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        try {
            while (stopped == null && !run.isDone() && Instant.now().isBefore(deadline)) {
                Optional<URI> endpoint = SandboxClient.peek(dir.resolve("home"));
                if (clients == null && endpoint.isPresent()) {
                    clients = ClientFactory.build(Target.endpoint(endpoint.get(), "us-east-1"),
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("live", "live")));
                }
                if (clients != null) {
                    try {
                        List<String> running = clients.ec2().describeInstances(r -> r.filters(LabTags.managedFilter(),
                                        Filter.builder().name("instance-state-name").values("running").build()))
                                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).toList();
                        if (!running.isEmpty()) {
                            clients.ec2().stopInstances(r -> r.instanceIds(running));
                            stopped = running.get(0);
                        }
                    } catch (SdkException e) {
                        // the sandbox is still starting
                    }
                }
                Thread.sleep(100);
            }
        } finally {
            if (clients != null) {
                clients.close();
            }
        }
        int code = run.get(3, TimeUnit.MINUTES);
        runner.shutdown();
        String log = out.toString(StandardCharsets.UTF_8);
        assertNotNull(stopped, "an instance to stop ran: " + log);
        assertEquals(LiveRun.STOPPED, code, log);
        assertTrue(log.contains("STOPPED (01-premiere-instance/") && log.contains("Nothing tagged is left."), log);
        assertTrue(Files.readString(dir.resolve("RESULTS.md")).contains("**stopped** — 01-premiere-instance/"));
        assertEquals(List.of(), leftInSavedState());
    }

    @Test
    void aCeilingBelowWhatTheLabNeedsRefusesBeforeSpendingAnything() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(LiveRun.REFUSED, runHere(options("--max-instances", "3"), out), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the lab runs up to 5 instances at once; the ceiling is 3"));
        assertTrue(Files.readString(dir.resolve("RESULTS.md")).contains("refused before spending anything"));
        assertEquals(List.of(), leftInSavedState());
    }

    @Test
    void anAwsRunStatesItsCostAndWantsConsentAndTimeToFinish() {
        awslab.testing.MotoServer.get().reset();
        AwsClients moto = awslab.testing.TestShellContext.motoClients(); // an account to count instances in
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
        LiveRun.Options aws = LiveRun.parse(new String[] {"--max-minutes", "45"}, Map.of());
        assertEquals(Target.Kind.AWS, aws.target().kind());
        LiveRun run = new LiveRun(aws, log, Clock.systemUTC(), false);
        assertEquals("0.07", run.cost().toPlainString(), "5 t2.micro ($0.0116/h) and a load balancer ($0.0225/h) for 45 minutes");
        assertEquals(java.util.Optional.of("add --yes to agree to that cost"), run.refusal(moto));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("This run spends money: at most 5 t2.micro instances"));
        LiveRun hurried = new LiveRun(LiveRun.parse(new String[] {"--max-minutes", "20", "--yes"}, Map.of()), log,
                Clock.systemUTC(), false);
        assertTrue(hurried.refusal(moto).orElseThrow().contains("needs at least 30 minutes"));
        assertEquals(java.util.Optional.empty(),
                new LiveRun(LiveRun.parse(new String[] {"--yes"}, Map.of()), log, Clock.systemUTC(), false).refusal(moto));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theTimeCeilingStopsTheRunHalfWayAndItStillCleansUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = runHere(options("--max-minutes", "0.4"), out);
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(LiveRun.STOPPED, code, log);
        assertTrue(log.contains("STOPPED (time ceiling reached): cleaning up.") && log.contains("Nothing tagged is left."), log);
        assertTrue(Files.readString(dir.resolve("RESULTS.md")).contains("**stopped** — time ceiling reached"));
        assertEquals(List.of(), leftInSavedState());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void ctrlCStopsTheRunAndItStillCleansUp() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LiveRun.class.getName()));
        command.addAll(List.of("--target", "sandbox", "--fast", "--home", dir.resolve("home").toString(),
                "--results", dir.resolve("RESULTS.md").toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        // Part 2 under way: a fleet (load balancer, group, instances) exists to be cleaned up.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline) && run.isAlive()) {
            synchronized (log) {
                if (log.toString().contains("Created the Auto Scaling group ASG-webservice")) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor(), "SIGINT sent");
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "the run ends by itself after Ctrl-C");
        reader.join(10_000);
        String said;
        synchronized (log) {
            said = log.toString();
        }
        assertEquals(LiveRun.STOPPED, run.exitValue(), said);
        assertTrue(said.contains("STOPPED (interrupted (Ctrl-C)): cleaning up.") && said.contains("Nothing tagged is left."), said);
        assertTrue(said.contains("Deleted the group ASG-webservice") || said.contains("Fleet deleted"),
                "the fleet it had made was deleted: " + said);
        assertTrue(Files.readString(dir.resolve("RESULTS.md")).contains("interrupted (Ctrl-C)"));
        assertEquals(List.of(), leftInSavedState());
    }
}
