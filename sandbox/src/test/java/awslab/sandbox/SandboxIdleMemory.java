package awslab.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * The sandbox service's own memory while it waits: started as the shell starts it (its JVM
 * flags), left alone 10 s, then with one running instance left alone 10 s; the resident set
 * (RSS) and proportional set (PSS, shared pages counted fairly) of its process, and of the
 * instance's. Linux only (reads {@code /proc}). Run by {@code bench/sandbox/run.sh}.
 *
 * <pre>
 * java -cp … awslab.sandbox.SandboxIdleMemory [webapp main class]
 * </pre>
 */
public final class SandboxIdleMemory {
    private SandboxIdleMemory() {}

    public static void main(String[] args) throws Exception {
        Path stateDir = Files.createTempDirectory("awslab-idle");
        SandboxClient.Launch launch = SandboxClient.Launch.defaults().withPort(0).withIdleStop(Duration.ofMinutes(5));
        if (args.length > 0) {
            launch = launch.withWebappMain(args[0]);
        }
        SandboxClient sandbox = SandboxClient.start(stateDir, launch);
        try {
            Thread.sleep(10_000);
            System.out.println("sandbox idle, no instance: " + memory(sandbox.pid()));
            try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), sandbox.endpoint()).build()) {
                String id = ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                        .minCount(1).maxCount(1)).instances().get(0).instanceId();
                SandboxTesting.await(id + " running", Duration.ofSeconds(120), () -> "running".equals(ec2.describeInstances(b -> b
                        .instanceIds(id)).reservations().get(0).instances().get(0).state().nameAsString()));
            }
            Thread.sleep(10_000);
            List<Long> processes = sandbox.processes();
            System.out.println("sandbox idle, one running instance: " + memory(sandbox.pid()) + "; the instance's web service: "
                    + memory(processes.get(1)));
        } finally {
            sandbox.stop(Duration.ofSeconds(60));
        }
    }

    private static String memory(long pid) throws Exception {
        return String.format("RSS %.0f MiB, PSS %.0f MiB", kib(pid, "status", "VmRSS:") / 1024.0, kib(pid, "smaps_rollup", "Pss:") / 1024.0);
    }

    private static long kib(long pid, String file, String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
