package awslab.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * Issue 14's crash trials, many times: a sandbox service on one state directory is started,
 * checked, given work (a launch, and a termination once a few instances run), then killed with
 * SIGKILL at a random moment within half a second of the last acknowledgement, again and again.
 * Counts: tries; crashes (the sandbox did not come back); hangs (a start or a call past its
 * bound); losses (an acknowledged launch or termination not found after the next start);
 * orphans (processes of a killed sandbox still alive 10 s after the kill); leaks (half-written
 * files, disks of forgotten instances, processes after the final stop); traces (stack traces in
 * what the sandbox printed). Run by {@code bench/reliability/sandbox.sh}.
 *
 * <pre>
 * java -cp … awslab.sandbox.SandboxCrashTrials 100
 * </pre>
 */
public final class SandboxCrashTrials {
    private SandboxCrashTrials() {}

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path stateDir = Files.createTempDirectory("awslab-crash");
        String marker = OrphanSweep.marker(stateDir.resolve("sandbox"));
        SandboxClient.Launch launch = SandboxClient.Launch.defaults().withPort(0).withPace("fast").withIdleStop(Duration.ofMinutes(5));
        Random random = new Random(14);
        Deque<String> alive = new ArrayDeque<>();
        List<String> terminated = new ArrayList<>();
        int crashes = 0;
        int hangs = 0;
        int losses = 0;
        int orphans = 0;
        int traces;
        Instant began = Instant.now();
        for (int trial = 1; trial <= tries; trial++) {
            SandboxClient sandbox;
            try {
                sandbox = SandboxClient.start(stateDir, launch);
            } catch (java.io.IOException e) {
                crashes++;
                System.out.println("trial " + trial + ": the sandbox did not come back: " + e.getMessage());
                continue;
            }
            try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), sandbox.endpoint())
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))).build()) {
                for (String id : alive) {
                    String state = state(ec2, id);
                    if (!"pending".equals(state) && !"running".equals(state)) {
                        losses++;
                        System.out.println("trial " + trial + ": " + id + " was acknowledged as launched, now " + state);
                    }
                }
                for (String id : terminated) {
                    String state = state(ec2, id);
                    if (!"terminated".equals(state) && !"gone".equals(state)) {
                        losses++;
                        System.out.println("trial " + trial + ": " + id + " was acknowledged as terminating, now " + state);
                    }
                }
                terminated.clear();
                if (alive.size() >= 3) {
                    String oldest = alive.removeFirst();
                    ec2.terminateInstances(b -> b.instanceIds(oldest));
                    terminated.add(oldest);
                }
                alive.addLast(ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                        .minCount(1).maxCount(1)).instances().get(0).instanceId());
            } catch (RuntimeException e) {
                hangs++;
                System.out.println("trial " + trial + ": a call failed: " + e);
            }
            Thread.sleep(random.nextInt(500));
            ProcessHandle process = ProcessHandle.of(sandbox.pid()).orElse(null);
            if (process != null) {
                process.destroyForcibly();
                if (!awaitExit(process, Duration.ofSeconds(10))) {
                    hangs++;
                }
            }
            Instant deadline = Instant.now().plusSeconds(10);
            while (!OrphanSweep.find(marker).isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            int left = OrphanSweep.find(marker).size();
            orphans += left;
            if (trial % 10 == 0 || left > 0) {
                System.out.println("trial " + trial + ": " + alive.size() + " instances alive, " + left + " orphans, "
                        + Duration.between(began, Instant.now()).toSeconds() + " s");
            }
        }
        SandboxClient last = SandboxClient.start(stateDir, launch);
        last.stop(Duration.ofSeconds(60));
        int leaks = OrphanSweep.find(marker).size() + leftovers(stateDir.resolve("sandbox"));
        traces = traces(SandboxClient.consoleLog(stateDir));
        System.out.printf("tries %d, crashes %d, traces %d, hangs %d, losses %d, orphans %d, leaks %d, in %d s%n", tries, crashes,
                traces, hangs, losses, orphans, leaks, Duration.between(began, Instant.now()).toSeconds());
    }

    private static String state(Ec2Client ec2, String id) {
        try {
            List<Instance> found = ec2.describeInstances(b -> b.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).toList();
            return found.isEmpty() ? "gone" : found.get(0).state().nameAsString();
        } catch (Ec2Exception e) {
            return "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode()) ? "gone" : e.getMessage();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Stack traces the sandbox printed, every start of it (its console output). */
    private static int traces(Path console) {
        try {
            return (int) Files.readAllLines(console, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("\tat ")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Half-written state files, and disks of instances the sandbox no longer knows. */
    private static int leftovers(Path home) throws java.io.IOException {
        int count;
        try (Stream<Path> files = Files.list(home)) {
            count = (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
        Path disks = home.resolve("instances");
        String state = Files.readString(home.resolve("state.json"));
        if (Files.isDirectory(disks)) {
            try (Stream<Path> dirs = Files.list(disks)) {
                count += (int) dirs.filter(d -> !state.contains("\"" + d.getFileName() + "\"")).count();
            }
        }
        return count;
    }
}
