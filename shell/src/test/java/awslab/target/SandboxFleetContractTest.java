package awslab.target;

import awslab.sandbox.*;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The rest of what the shell's lab and fleet code calls, on Moto and on the sandbox alike (see
 * {@link SandboxContractTest} for the catalogue, instances and fleet resources): the caller's
 * identity, a created key pair, a reboot, the scaling policy, the group's instances and
 * activities, target health, load-balancer tags, and deleting a listener.
 */
class SandboxFleetContractTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path stateDir;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("awslab-fleet-contract");
        sandbox = SandboxTesting.startFast(stateDir);
    }

    @AfterAll
    static void stop() throws IOException {
        sandbox.close();
        Sandbox.reset(stateDir);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Stream<SandboxContractTest.Endpoint> clouds() {
        return Stream.of(new SandboxContractTest.Endpoint("moto", b -> MotoServer.get().configure((AwsClientBuilder) b)),
                new SandboxContractTest.Endpoint("sandbox", b -> sandbox.configure((AwsClientBuilder) b)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clouds")
    void identityKeyPairAndReboot(SandboxContractTest.Endpoint cloud) {
        try (StsClient sts = cloud.apply(StsClient.builder()).build();
                Ec2Client ec2 = cloud.apply(Ec2Client.builder()).build()) {
            var identity = sts.getCallerIdentity();
            assertTrue(identity.account().matches("\\d{12}"), identity.account());
            assertTrue(identity.arn().startsWith("arn:aws:"), identity.arn());

            String keyName = "ct-" + UUID.randomUUID().toString().substring(0, 8);
            var created = ec2.createKeyPair(b -> b.keyName(keyName));
            assertEquals(keyName, created.keyName());
            assertTrue(created.keyMaterial().startsWith("-----BEGIN"), "a PEM private key");
            assertEquals(1, ec2.describeKeyPairs(b -> b.keyNames(keyName)).keyPairs().size());
            ec2.deleteKeyPair(b -> b.keyName(keyName));

            String id = ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO)
                    .minCount(1).maxCount(1)).instances().get(0).instanceId();
            await(id + " running", WAIT, () -> state(ec2, id) == InstanceStateName.RUNNING);
            ec2.rebootInstances(b -> b.instanceIds(id));
            assertEquals(InstanceStateName.RUNNING, state(ec2, id), "a reboot keeps the instance running");
            ec2.terminateInstances(b -> b.instanceIds(id));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clouds")
    void scalingPolicyMembersActivitiesHealthTagsAndListeners(SandboxContractTest.Endpoint cloud) {
        try (Ec2Client ec2 = cloud.apply(Ec2Client.builder()).build();
                ElasticLoadBalancingV2Client elb = cloud.apply(ElasticLoadBalancingV2Client.builder()).build();
                AutoScalingClient autoScaling = cloud.apply(AutoScalingClient.builder()).build()) {
            String name = "ct-" + UUID.randomUUID().toString().substring(0, 8);
            String vpc = ec2.describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
            List<String> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
                    .map(Subnet::subnetId).limit(2).toList();
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d
                    .imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO))).launchTemplate().launchTemplateId();
            String targetGroup = elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
                    .healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
            LoadBalancer lb = elb.createLoadBalancer(b -> b.name(name).subnets(subnets).scheme("internet-facing")
                    .tags(Tag.builder().key("awslab:managed").value("true").build())).loadBalancers().get(0);
            String listener = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup))).listeners().get(0).listenerArn();

            var tags = elb.describeTags(b -> b.resourceArns(lb.loadBalancerArn())).tagDescriptions();
            assertEquals(lb.loadBalancerArn(), tags.get(0).resourceArn());
            assertTrue(tags.get(0).tags().stream().anyMatch(t -> t.key().equals("awslab:managed") && t.value().equals("true")));

            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(name).launchTemplate(t -> t.launchTemplateId(template))
                    .minSize(1).maxSize(2).desiredCapacity(1).vpcZoneIdentifier(String.join(",", subnets))
                    .targetGroupARNs(targetGroup));
            autoScaling.putScalingPolicy(b -> b.autoScalingGroupName(name).policyName("cpu50").policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(c -> c.predefinedMetricSpecification(m -> m
                            .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION)).targetValue(50.0)));
            var policy = autoScaling.describePolicies(b -> b.autoScalingGroupName(name)).scalingPolicies().get(0);
            assertEquals("TargetTrackingScaling", policy.policyType());
            assertEquals(50.0, policy.targetTrackingConfiguration().targetValue());

            await("one instance in the group", WAIT, () -> autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
                    .autoScalingGroups().get(0).instances().size() == 1);
            String member = autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups().get(0)
                    .instances().get(0).instanceId();
            var details = autoScaling.describeAutoScalingInstances(b -> b.instanceIds(member)).autoScalingInstances();
            assertEquals(1, details.size());
            assertEquals(name, details.get(0).autoScalingGroupName());
            var activities = autoScaling.describeScalingActivities(b -> b.autoScalingGroupName(name).maxRecords(20)).activities();
            assertTrue(activities.stream().allMatch(a -> name.equals(a.autoScalingGroupName())), activities.toString());
            await("the member registered as a target", WAIT, () -> elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup))
                    .targetHealthDescriptions().stream().anyMatch(d -> d.target().id().equals(member) && d.targetHealth() != null));

            elb.deleteListener(b -> b.listenerArn(listener));
            assertTrue(elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners().isEmpty());
            autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName(name).forceDelete(true));
            elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
            await("the group gone", WAIT, () -> autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
                    .autoScalingGroups().isEmpty());
            elb.deleteTargetGroup(b -> b.targetGroupArn(targetGroup));
            ec2.deleteLaunchTemplate(b -> b.launchTemplateId(template));
        }
    }

    private static InstanceStateName state(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }
}
