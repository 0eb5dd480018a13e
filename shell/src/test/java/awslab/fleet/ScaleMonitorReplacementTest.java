package awslab.fleet;

import awslab.sandbox.*;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.fleet.CloudWatchCpuMetrics;
import awslab.fleet.Pacer;
import awslab.fleet.ScaleMonitor;
import awslab.api.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code burn-cpu}'s watch must not take the replacement of a terminated instance (a "Launching"
 * activity too, as the lab's step before it causes) for a scale-out: only a policy's launch, or
 * a group grown beyond its minimum, is one.
 */
class ScaleMonitorReplacementTest {
    private static final String GROUP = "ASG-webservice";

    @TempDir
    Path stateDir;

    @Test
    @Timeout(60)
    void aReplacementIsNotAScaleOut() throws Exception {
        try (Sandbox sandbox = SandboxTesting.startFast(stateDir);
                AwsClients clients = new AwsClients(sandbox.configure(Ec2Client.builder()).build(),
                        sandbox.configure(AutoScalingClient.builder()).build(),
                        sandbox.configure(ElasticLoadBalancingV2Client.builder()).build(),
                        sandbox.configure(StsClient.builder()).build(), sandbox.configure(SsmClient.builder()).build(),
                        sandbox.configure(CloudWatchClient.builder()).build())) {
            String template = clients.ec2().createLaunchTemplate(b -> b.launchTemplateName("modele-webservice")
                    .launchTemplateData(d -> d.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO)))
                    .launchTemplate().launchTemplateId();
            String subnet = clients.ec2().describeSubnets().subnets().get(0).subnetId();
            clients.autoScaling().createAutoScalingGroup(b -> b.autoScalingGroupName(GROUP)
                    .launchTemplate(t -> t.launchTemplateId(template)).minSize(1).maxSize(2).desiredCapacity(1)
                    .vpcZoneIdentifier(subnet));
            await("one member", Duration.ofSeconds(30), () -> members(clients).size() == 1);

            clients.ec2().terminateInstances(b -> b.instanceIds(members(clients).get(0)));
            List<ScaleMonitor.ScalingActivity> seen = new ArrayList<>();
            ScaleMonitor.Outcome outcome = new ScaleMonitor(clients, new CloudWatchCpuMetrics(clients.cloudWatch()),
                    Pacer.every(Duration.ofMillis(500))).watch(GROUP, Duration.ofSeconds(4), s -> seen.addAll(s.newActivities()));

            assertTrue(seen.stream().anyMatch(a -> a.description().startsWith("Launching")), "the replacement was launched meanwhile: " + seen);
            assertFalse(outcome.scaledOut(), "a replacement is not a scale-out: " + seen);
        }
    }

    private static List<String> members(AwsClients clients) {
        return clients.autoScaling().describeAutoScalingGroups(b -> b.autoScalingGroupNames(GROUP)).autoScalingGroups().get(0)
                .instances().stream().map(i -> i.instanceId()).toList();
    }
}
