package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static awslab.sandbox.SandboxTesting.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** Part 2 of the lab against the sandbox, through the real SDK: a group behind a load balancer, healing and scaling on real CPU. */
class SandboxFleetTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "ASG-webservice";

    @TempDir
    Path stateDir;

    @Test
    void aGroupBehindALoadBalancerHealsAndScalesOnRealCpu() throws Exception {
        try (Sandbox sandbox = SandboxTesting.startFast(stateDir);
                Ec2Client ec2 = sandbox.configure(Ec2Client.builder()).build();
                AutoScalingClient autoScaling = sandbox.configure(AutoScalingClient.builder()).build();
                ElasticLoadBalancingV2Client elb = sandbox.configure(ElasticLoadBalancingV2Client.builder()).build()) {
            List<String> subnets = ec2.describeSubnets().subnets().stream().map(Subnet::subnetId).limit(2).toList();
            String vpc = ec2.describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
            String instancesGroup = SandboxTesting.labGroup(ec2, "launch-wizard-1");
            String lbGroup = ec2.createSecurityGroup(b -> b.groupName("awslab-alb").description("HTTP from anywhere")).groupId();
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(lbGroup).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                    .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName("modele-webservice").launchTemplateData(d -> d
                    .imageId(CloudState.IMAGE_ID).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                    .securityGroupIds(instancesGroup))).launchTemplate().launchTemplateId();
            String targetGroup = elb.createTargetGroup(b -> b.name("awslab-targets").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
                    .healthCheckPath("/health").healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
            LoadBalancer lb = elb.createLoadBalancer(b -> b.name("awslab-alb").subnets(subnets).securityGroups(lbGroup))
                    .loadBalancers().get(0);
            elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup)));
            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(GROUP).launchTemplate(t -> t.launchTemplateId(template))
                    .minSize(2).maxSize(4).desiredCapacity(2).vpcZoneIdentifier(String.join(",", subnets)).targetGroupARNs(targetGroup));
            autoScaling.putScalingPolicy(b -> b.autoScalingGroupName(GROUP).policyName("cpu50").policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(c -> c.predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))
                            .targetValue(50.0)));
            assertEquals("TargetTrackingScaling",
                    autoScaling.describePolicies(b -> b.autoScalingGroupName(GROUP)).scalingPolicies().get(0).policyType());

            await("two healthy targets", WAIT, () -> healthy(elb, targetGroup).size() == 2);
            AutoScalingGroup group = group(autoScaling);
            Set<String> zones = new HashSet<>();
            group.instances().forEach(i -> zones.add(i.availabilityZone()));
            assertEquals(2, zones.size(), "the group spreads over two zones");

            URI proxy = sandbox.reachability().loadBalancer(lb.dnsName()).orElseThrow();
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                answered.add(get(proxy.resolve("/instance")));
            }
            Set<String> expected = new HashSet<>();
            healthy(elb, targetGroup).forEach(id -> expected.add("{\"instanceId\":\"" + id + "\"}"));
            assertEquals(expected, answered, "the load balancer alternates between the two instances");

            String victim = group.instances().get(0).instanceId();
            ec2.terminateInstances(b -> b.instanceIds(victim));
            await("a replacement of " + victim, WAIT, () -> {
                List<String> ids = healthy(elb, targetGroup);
                return ids.size() == 2 && !ids.contains(victim);
            });
            assertTrue(autoScaling.describeScalingActivities(b -> b.autoScalingGroupName(GROUP)).activities().stream()
                    .anyMatch(a -> a.description().equals("Terminating EC2 instance: " + victim)));

            List<String> burning = healthy(elb, targetGroup);
            ExecutorService burners = Executors.newFixedThreadPool(burning.size());
            List<Future<String>> loops = new ArrayList<>();
            for (String id : burning) {
                Instance instance = ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
                var address = sandbox.reachability().ssh(id, instance.publicIpAddress()).orElseThrow();
                loops.add(burners.submit(() -> SandboxInstancesTest.ssh(sandbox, address, "timeout 25 sh -c 'while : ; do : ; done'; echo done")));
            }
            await("the group to scale out on CPU", WAIT, () -> group(autoScaling).desiredCapacity() >= 3);
            assertTrue(sandbox.groupCpu(GROUP).orElse(0) > 50, "measured " + sandbox.groupCpu(GROUP));
            await("a launch caused by the high-CPU alarm", WAIT, () -> autoScaling.describeScalingActivities(b -> b
                    .autoScalingGroupName(GROUP)).activities().stream().anyMatch(a -> a.cause().contains("AlarmHigh")));
            try (CloudWatchClient cloudWatch = sandbox.configure(CloudWatchClient.builder()).build()) {
                Instant now = Instant.now();
                var data = cloudWatch.getMetricData(b -> b.startTime(now.minusSeconds(600)).endTime(now.plusSeconds(60))
                        .metricDataQueries(q -> q.id("cpu").metricStat(m -> m.period(60).stat("Average").metric(metric -> metric
                                .namespace("AWS/EC2").metricName("CPUUtilization")
                                .dimensions(d -> d.name("AutoScalingGroupName").value(GROUP)))))).metricDataResults().get(0);
                assertEquals(data.timestamps().size(), data.values().size());
                assertTrue(data.values().stream().anyMatch(v -> v > 50), "the chart shows the burn: " + data.values());
                var points = cloudWatch.getMetricStatistics(b -> b.namespace("AWS/EC2").metricName("CPUUtilization")
                        .dimensions(d -> d.name("InstanceId").value(burning.get(0))).startTime(now.minusSeconds(600))
                        .endTime(now.plusSeconds(60)).period(60).statistics(Statistic.AVERAGE)).datapoints();
                assertTrue(points.stream().anyMatch(p -> p.average() > 50 && p.timestamp().isAfter(now.minusSeconds(600))), points.toString());
                assertTrue(cloudWatch.listMetrics(b -> b.namespace("AWS/EC2")).metrics().stream().anyMatch(m -> m.dimensions().stream()
                        .anyMatch(d -> d.name().equals("AutoScalingGroupName") && d.value().equals(GROUP))));
                assertTrue(cloudWatch.describeAlarms().metricAlarms().stream().anyMatch(a -> a.alarmName().contains("AlarmHigh")));
                CloudWatchException unsupported = assertThrows(CloudWatchException.class, () -> cloudWatch.putDashboard(b -> b
                        .dashboardName("lab").dashboardBody("{}")));
                assertTrue(unsupported.getMessage().contains("PutDashboard"), unsupported.getMessage());
            }
            for (Future<String> loop : loops) {
                loop.cancel(true); // closing the SSH session ends its loop
            }
            burners.shutdownNow();
            await("the group to scale back in once the CPU is idle", Duration.ofSeconds(90),
                    () -> group(autoScaling).desiredCapacity() == 2);
            await("a termination caused by the low-CPU alarm", WAIT, () -> autoScaling.describeScalingActivities(b -> b
                    .autoScalingGroupName(GROUP)).activities().stream().anyMatch(a -> a.cause().contains("AlarmLow")));

            autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName(GROUP).forceDelete(true));
            await("the group to be gone", WAIT, () -> autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(GROUP))
                    .autoScalingGroups().isEmpty());
            elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
            elb.deleteTargetGroup(b -> b.targetGroupArn(targetGroup));
            ec2.deleteLaunchTemplate(b -> b.launchTemplateId(template));
            assertTrue(sandbox.reachability().loadBalancer(lb.dnsName()).isEmpty());
            await("every instance terminated", WAIT, () -> ec2.describeInstances().reservations().stream()
                    .flatMap(r -> r.instances().stream()).allMatch(i -> i.state().nameAsString().equals("terminated")));
            await("no instance process left", Duration.ofSeconds(20), () -> sandbox.processes().isEmpty());
            burners.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static AutoScalingGroup group(AutoScalingClient autoScaling) {
        return autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(GROUP)).autoScalingGroups().get(0);
    }

    private static List<String> healthy(ElasticLoadBalancingV2Client elb, String targetGroup) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).map(d -> d.target().id()).sorted().toList();
    }
}
