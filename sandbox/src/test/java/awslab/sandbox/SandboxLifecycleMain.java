package awslab.sandbox;

import java.nio.file.Path;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A process that runs a sandbox with one running instance and then waits to be killed: the
 * orphan test kills it with SIGKILL and checks that the instance's processes die with it.
 * Prints {@code PID <n>} for each instance process, then {@code READY}.
 */
public final class SandboxLifecycleMain {
    private SandboxLifecycleMain() {}

    public static void main(String[] args) throws Exception {
        Sandbox sandbox = SandboxTesting.startFast(Path.of(args[0]));
        try (Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            String group = SandboxTesting.labGroup(ec2, "launch-wizard-1");
            String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey")
                    .securityGroupIds(group).minCount(1).maxCount(1)).instances().get(0).instanceId();
            SandboxTesting.await("running", java.time.Duration.ofSeconds(60), () -> "running".equals(ec2.describeInstances(b -> b
                    .instanceIds(id)).reservations().get(0).instances().get(0).state().nameAsString()));
            String ip = ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).publicIpAddress();
            var address = sandbox.reachability().ssh(id, ip).orElseThrow();
            Thread loop = new Thread(() -> {
                try {
                    SandboxInstancesTest.ssh(sandbox, address, "timeout 110 sh -c 'while : ; do : ; done'");
                } catch (java.io.IOException e) {
                    // the test sees no loop process and fails
                }
            });
            loop.setDaemon(true);
            loop.start();
            SandboxTesting.await("the SSH loop", java.time.Duration.ofSeconds(30), () -> sandbox.processes().size() >= 3);
        }
        sandbox.processes().forEach(p -> System.out.println("PID " + p.pid()));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000); // bounded: the test kills this process long before
        sandbox.close();
    }
}
