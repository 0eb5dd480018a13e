package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * A job an SSH command leaves in the background ({@code nohup … &}, as {@code burn-cpu} starts
 * its busy loop) outlives the command: it must still count in the instance's CPU, and end when
 * the instance is terminated, although it is no longer a child of anything the sandbox started.
 */
class SandboxBackgroundJobTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    @Test
    @Timeout(90)
    void aBackgroundLoopCountsInTheCpuAndEndsWithTheInstance() throws Exception {
        try (Sandbox sandbox = SandboxTesting.startFast(stateDir);
                Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build()) {
            String group = SandboxTesting.labGroup(ec2, "launch-wizard-1");
            String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType(InstanceType.T2_MICRO)
                    .keyName("vockey").securityGroupIds(group).minCount(1).maxCount(1)).instances().get(0).instanceId();
            await(id + " running", WAIT, () -> state(ec2, id) == InstanceStateName.RUNNING);
            String ip = ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).publicIpAddress();
            InetSocketAddress address = sandbox.reachability().ssh(id, ip).orElseThrow();

            String out = SandboxInstancesTest.ssh(sandbox, address,
                    "nohup timeout 60 sh -c 'while : ; do : ; done' </dev/null >/dev/null 2>&1 & echo started");
            assertEquals("started", out.trim(), "the command returns at once, its job left running");

            await("the background loop to count in the instance's CPU", WAIT, () -> sandbox.instanceCpu(id).orElse(0) > 50);
            List<ProcessHandle> loops = sandbox.processes().stream()
                    .filter(p -> p.info().commandLine().orElse("").contains("while : ; do : ; done")).toList();
            assertFalse(loops.isEmpty(), "the loop is one of the instance's processes");

            ec2.terminateInstances(b -> b.instanceIds(id));
            await("the loop to end with its instance", WAIT, () -> loops.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static InstanceStateName state(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }
}
