package awslab.target;

import awslab.sandbox.*;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The same SDK calls against Moto (the stand-in for AWS) and against the sandbox: where both
 * implement an operation, the answers have the same shape — so code tested on Moto runs on the
 * sandbox, and the other way round.
 */
class SandboxContractTest {
    private static Path stateDir;
    private static Sandbox sandbox;

    /** One cloud to run the contract on. */
    record Endpoint(String name, UnaryOperator<AwsClientBuilder<?, ?>> configure) {
        @SuppressWarnings("unchecked")
        <B extends AwsClientBuilder<B, ?>> B apply(B builder) {
            return (B) configure.apply(builder);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("awslab-contract");
        sandbox = SandboxTesting.startFast(stateDir);
    }

    @AfterAll
    static void stop() throws IOException {
        sandbox.close();
        Sandbox.reset(stateDir);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Stream<Endpoint> clouds() {
        return Stream.of(new Endpoint("moto", b -> MotoServer.get().configure((AwsClientBuilder) b)),
                new Endpoint("sandbox", b -> sandbox.configure((AwsClientBuilder) b)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void catalogue(Endpoint cloud) {
        try (Ec2Client ec2 = cloud.apply(Ec2Client.builder()).build()) {
            var images = ec2.describeImages(b -> b.owners("099720109477")
                    .filters(f -> f.name("name").values("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"))).images();
            assertTrue(images.stream().anyMatch(i -> i.imageId().equals(Sandbox.IMAGE_ID)), images.toString());
            assertTrue(images.stream().allMatch(i -> i.ownerId().equals("099720109477") && i.name().startsWith("ubuntu/images/")));

            String keyName = unique("contract-key");
            String publicKey = KeyMaterial.generate().publicLine();
            ec2.importKeyPair(b -> b.keyName(keyName).publicKeyMaterial(SdkBytes.fromUtf8String(publicKey)));
            var key = ec2.describeKeyPairs(b -> b.keyNames(keyName)).keyPairs().get(0);
            assertEquals(keyName, key.keyName());
            assertNotNull(key.keyPairId());
            Ec2Exception duplicate = assertThrows(Ec2Exception.class,
                    () -> ec2.importKeyPair(b -> b.keyName(keyName).publicKeyMaterial(SdkBytes.fromUtf8String(publicKey))));
            assertEquals("InvalidKeyPair.Duplicate", duplicate.awsErrorDetails().errorCode());
            ec2.deleteKeyPair(b -> b.keyName(keyName));

            String vpc = ec2.describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
            List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true"),
                    f -> f.name("vpc-id").values(vpc))).subnets();
            Set<String> zones = new HashSet<>();
            subnets.forEach(s -> zones.add(s.availabilityZone()));
            assertTrue(zones.size() >= 2 && zones.size() == subnets.size(), subnets.toString());
            assertTrue(ec2.describeAvailabilityZones().availabilityZones().size() >= 2);

            var micro = ec2.describeInstanceTypes(b -> b.instanceTypes(InstanceType.T2_MICRO)).instanceTypes().get(0);
            assertEquals(1, micro.vCpuInfo().defaultVCpus());
            assertEquals(1024L, micro.memoryInfo().sizeInMiB());

            Ec2Exception missing = assertThrows(Ec2Exception.class, () -> ec2.describeInstances(b -> b.instanceIds("i-0000000000000dead")));
            assertEquals("InvalidInstanceID.NotFound", missing.awsErrorDetails().errorCode());
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void instanceLifecycle(Endpoint cloud) {
        try (Ec2Client ec2 = cloud.apply(Ec2Client.builder()).build()) {
            String name = unique("contract");
            String group = ec2.createSecurityGroup(b -> b.groupName(name).description("contract")).groupId();
            Instance launched = ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO).minCount(1)
                    .maxCount(1).securityGroupIds(group).tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                            .tags(tag -> tag.key("Name").value(name)))).instances().get(0);
            String id = launched.instanceId();
            assertEquals(InstanceStateName.PENDING, launched.state().name());
            assertEquals(group, launched.securityGroups().get(0).groupId());
            Instance running = awaitState(ec2, id, InstanceStateName.RUNNING);
            assertNotNull(running.publicIpAddress());
            assertNotNull(running.placement().availabilityZone());
            var byTag = ec2.describeInstances(b -> b.filters(f -> f.name("tag:Name").values(name),
                    f -> f.name("instance-state-name").values("running"))).reservations();
            assertEquals(List.of(id), byTag.stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList());

            var stopping = ec2.stopInstances(b -> b.instanceIds(id)).stoppingInstances().get(0);
            assertEquals(InstanceStateName.RUNNING, stopping.previousState().name());
            assertEquals(InstanceStateName.STOPPING, stopping.currentState().name());
            assertNull(awaitState(ec2, id, InstanceStateName.STOPPED).publicIpAddress());

            var starting = ec2.startInstances(b -> b.instanceIds(id)).startingInstances().get(0);
            assertEquals(InstanceStateName.STOPPED, starting.previousState().name());
            assertEquals(InstanceStateName.PENDING, starting.currentState().name());
            assertNotNull(awaitState(ec2, id, InstanceStateName.RUNNING).publicIpAddress());

            var terminating = ec2.terminateInstances(b -> b.instanceIds(id)).terminatingInstances().get(0);
            assertEquals(InstanceStateName.SHUTTING_DOWN, terminating.currentState().name());
            awaitState(ec2, id, InstanceStateName.TERMINATED);
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                    .ipRanges(r -> r.cidrIp("192.0.2.1/32"))));
            assertEquals(1, ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0).ipPermissions().size());
            ec2.revokeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                    .ipRanges(r -> r.cidrIp("192.0.2.1/32"))));
            assertTrue(ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0).ipPermissions().isEmpty());
            ec2.deleteSecurityGroup(b -> b.groupId(group));
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void fleetResources(Endpoint cloud) {
        try (Ec2Client ec2 = cloud.apply(Ec2Client.builder()).build();
                ElasticLoadBalancingV2Client elb = cloud.apply(ElasticLoadBalancingV2Client.builder()).build();
                AutoScalingClient autoScaling = cloud.apply(AutoScalingClient.builder()).build()) {
            String name = unique("ct");
            String vpc = ec2.describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
            List<String> subnets = ec2.describeSubnets(b -> b.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
                    .map(Subnet::subnetId).limit(2).toList();

            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d
                    .imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T2_MICRO))).launchTemplate().launchTemplateId();
            var described = ec2.describeLaunchTemplates(b -> b.launchTemplateNames(name)).launchTemplates().get(0);
            assertEquals(template, described.launchTemplateId());
            assertEquals(1L, described.defaultVersionNumber());
            assertEquals(Sandbox.IMAGE_ID, ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(template))
                    .launchTemplateVersions().get(0).launchTemplateData().imageId());
            var second = ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(template).sourceVersion("1").launchTemplateData(d -> d
                    .imageId(Sandbox.IMAGE_ID).instanceType(InstanceType.T3_MICRO))).launchTemplateVersion();
            assertEquals(2L, second.versionNumber());
            ec2.modifyLaunchTemplate(b -> b.launchTemplateId(template).defaultVersion("2"));
            assertEquals(2L, ec2.describeLaunchTemplates(b -> b.launchTemplateIds(template)).launchTemplates().get(0).defaultVersionNumber());
            assertEquals(InstanceType.T3_MICRO, ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(template).versions("$Latest"))
                    .launchTemplateVersions().get(0).launchTemplateData().instanceType());

            TargetGroup targetGroup = elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
                    .healthCheckPath("/health")).targetGroups().get(0);
            // Moto leaves the scheme out when the request does; the lab always names it
            LoadBalancer lb = elb.createLoadBalancer(b -> b.name(name).subnets(subnets).scheme("internet-facing"))
                    .loadBalancers().get(0);
            assertEquals("internet-facing", lb.schemeAsString());
            assertEquals("application", lb.typeAsString());
            assertEquals(2, lb.availabilityZones().size());
            assertNotNull(lb.dnsName());
            var listener = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup.targetGroupArn()))).listeners().get(0);
            assertEquals(80, listener.port());
            var listed = elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners().get(0);
            assertEquals(targetGroup.targetGroupArn(), listed.defaultActions().get(0).targetGroupArn());
            TargetGroup again = elb.describeTargetGroups(b -> b.names(name)).targetGroups().get(0);
            assertEquals("/health", again.healthCheckPath());
            assertEquals(List.of(lb.loadBalancerArn()), again.loadBalancerArns());

            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(name).launchTemplate(t -> t.launchTemplateId(template))
                    .minSize(0).maxSize(2).desiredCapacity(0).vpcZoneIdentifier(String.join(",", subnets))
                    .targetGroupARNs(targetGroup.targetGroupArn()));
            AutoScalingGroup group = autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups().get(0);
            assertEquals(0, group.desiredCapacity());
            assertEquals(2, group.maxSize());
            assertEquals(name, group.launchTemplate().launchTemplateName());
            assertEquals(List.of(targetGroup.targetGroupArn()), group.targetGroupARNs());
            assertEquals(2, group.availabilityZones().size());
            autoScaling.detachLoadBalancerTargetGroups(b -> b.autoScalingGroupName(name).targetGroupARNs(targetGroup.targetGroupArn()));
            assertTrue(autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups().get(0)
                    .targetGroupARNs().isEmpty());
            autoScaling.attachLoadBalancerTargetGroups(b -> b.autoScalingGroupName(name).targetGroupARNs(targetGroup.targetGroupArn()));
            assertEquals(List.of(targetGroup.targetGroupArn()), autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
                    .autoScalingGroups().get(0).targetGroupARNs());
            autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName(name).forceDelete(true));

            elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
            elb.deleteTargetGroup(b -> b.targetGroupArn(targetGroup.targetGroupArn()));
            ec2.deleteLaunchTemplate(b -> b.launchTemplateId(template));
            assertTrue(elb.describeLoadBalancers().loadBalancers().stream().noneMatch(l -> l.loadBalancerName().equals(name)));
        }
    }

    private static Instance awaitState(Ec2Client ec2, String id, InstanceStateName state) {
        await(id + " " + state, Duration.ofSeconds(60), () -> describe(ec2, id).state().name() == state);
        return describe(ec2, id);
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
