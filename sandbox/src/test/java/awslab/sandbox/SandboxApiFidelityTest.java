package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

/**
 * The sandbox answers as AWS does where students try things (issue 10, item 5): dry runs,
 * instance types and Learner Lab's sizes, regions, ELBv2's validation, paging, the attribute
 * and catalogue calls, the console, and the errors of services it does not serve — each in the
 * protocol its client speaks.
 */
class SandboxApiFidelityTest {
    @TempDir
    static Path stateDir;
    static Sandbox sandbox;
    static Ec2Client ec2;
    static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxTesting.startFast(stateDir);
        ec2 = sandbox.configure(Ec2Client.builder()).build();
        elb = sandbox.configure(ElasticLoadBalancingV2Client.builder()).build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        elb.close();
        sandbox.close();
    }

    private static String code(Ec2Exception e) {
        return e.awsErrorDetails().errorCode();
    }

    @Test
    void aDryRunChecksTheRequestAndChangesNothing() {
        Ec2Exception wouldSucceed = assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID)
                .instanceType("t2.micro").keyName("vockey").minCount(1).maxCount(1).dryRun(true)));
        assertEquals("DryRunOperation", code(wouldSucceed));
        assertEquals(412, wouldSucceed.statusCode());
        Ec2Exception wouldBeRefused = assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID)
                .instanceType("t3.xlarge").minCount(1).maxCount(1).dryRun(true)));
        assertEquals("UnauthorizedOperation", code(wouldBeRefused));
        assertEquals(0, ec2.describeInstances().reservations().size(), "a dry run launches nothing");

        String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        await(id + " running", Duration.ofSeconds(60), () -> state(id) == InstanceStateName.RUNNING);
        assertEquals("DryRunOperation", code(assertThrows(Ec2Exception.class,
                () -> ec2.terminateInstances(b -> b.instanceIds(id).dryRun(true)))));
        assertEquals("DryRunOperation", code(assertThrows(Ec2Exception.class,
                () -> ec2.stopInstances(b -> b.instanceIds(id).dryRun(true)))));
        assertEquals("InvalidInstanceID.NotFound", code(assertThrows(Ec2Exception.class,
                () -> ec2.stopInstances(b -> b.instanceIds("i-0000000000000dead").dryRun(true)))));
        assertEquals("DryRunOperation", code(assertThrows(Ec2Exception.class, () -> ec2.describeInstances(b -> b.dryRun(true)))));
        assertEquals(InstanceStateName.RUNNING, state(id), "dry runs stop and terminate nothing");

        assertEquals("t2.micro", ec2.describeInstanceAttribute(b -> b.instanceId(id).attribute(InstanceAttributeName.INSTANCE_TYPE))
                .instanceType().value());
        ec2.modifyInstanceAttribute(b -> b.instanceId(id).disableApiTermination(v -> v.value(true)));
        assertEquals("OperationNotPermitted", code(assertThrows(Ec2Exception.class, () -> ec2.terminateInstances(b -> b.instanceIds(id)))));
        ec2.modifyInstanceAttribute(b -> b.instanceId(id).disableApiTermination(v -> v.value(false)));
        assertEquals("IncorrectInstanceState", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyInstanceAttribute(b -> b.instanceId(id).instanceType(v -> v.value("t3.small"))))));

        var volume = ec2.describeVolumes(b -> b.filters(f -> f.name("attachment.instance-id").values(id))).volumes().get(0);
        assertEquals(8, volume.size());
        assertEquals("gp3", volume.volumeTypeAsString());
        assertEquals(volume.volumeId(), ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0)
                .blockDeviceMappings().get(0).ebs().volumeId());
        assertTrue(ec2.describeAddresses().addresses().isEmpty());
        assertTrue(ec2.describeRegions().regions().stream().anyMatch(r -> r.regionName().equals("eu-west-3")));

        String console = new String(Base64.getDecoder().decode(ec2.getConsoleOutput(b -> b.instanceId(id)).output()), StandardCharsets.UTF_8);
        assertTrue(console.contains("awslab-setup: phase=begin"), console);
        assertTrue(console.contains("awslab-setup: phase=started"), console);
        assertTrue(console.contains("no apt in the sandbox"), console);
        assertEquals("UnsupportedOperation", code(assertThrows(Ec2Exception.class,
                () -> ec2.getConsoleOutput(b -> b.instanceId(id).latest(true)))), "a t2 has no live console, as on AWS");
        ec2.terminateInstances(b -> b.instanceIds(id));
    }

    @Test
    void instanceTypesAreEc2sAndLearnerLabRefusesTheLargeOnes() {
        assertEquals("InvalidParameterValue", code(assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b
                .imageId(CloudState.IMAGE_ID).instanceType("t2.huge").minCount(1).maxCount(1)))));
        Ec2Exception large = assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID)
                .instanceType("c6in.xlarge").minCount(1).maxCount(1)));
        assertEquals("UnauthorizedOperation", code(large));
        assertEquals(403, large.statusCode());
        Ec2Exception arm = assertThrows(Ec2Exception.class, () -> ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID)
                .instanceType("t4g.micro").minCount(1).maxCount(1)));
        assertTrue(arm.awsErrorDetails().errorMessage().contains("architecture 'arm64'"), arm.getMessage());

        var free = ec2.describeInstanceTypes(b -> b.filters(f -> f.name("free-tier-eligible").values("true"))).instanceTypes();
        assertEquals(Set.of("t2.micro", "t3.micro"), new HashSet<>(free.stream().map(t -> t.instanceTypeAsString()).toList()));
        var firstPage = ec2.describeInstanceTypes(b -> b.maxResults(5));
        assertEquals(5, firstPage.instanceTypes().size());
        assertNotNull(firstPage.nextToken());
        int all = ec2.describeInstanceTypesPaginator(b -> b.maxResults(20)).instanceTypes().stream().mapToInt(t -> 1).sum();
        assertEquals(InstanceTypes.all().size(), all, "the SDK's paginator walks every page");
    }

    @Test
    void eachLearnerLabRegionHasItsOwnResourcesAndOthersAreRefused() {
        try (Ec2Client west = sandbox.configure(Ec2Client.builder()).region(Region.US_WEST_2).build();
                Ec2Client ireland = sandbox.configure(Ec2Client.builder()).region(Region.EU_WEST_1).build();
                AutoScalingClient irelandGroups = sandbox.configure(AutoScalingClient.builder()).region(Region.EU_WEST_1).build()) {
            assertEquals(List.of("us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"),
                    west.describeAvailabilityZones().availabilityZones().stream().map(z -> z.zoneName()).toList());
            assertTrue(west.describeKeyPairs().keyPairs().isEmpty(), "vockey exists in us-east-1 only");
            String westVpc = west.describeVpcs().vpcs().get(0).vpcId();
            assertFalse(westVpc.equals(CloudState.VPC_ID));
            String group = west.createSecurityGroup(b -> b.groupName("west-only").description("west")).groupId();
            assertEquals("InvalidGroup.NotFound", code(assertThrows(Ec2Exception.class,
                    () -> ec2.describeSecurityGroups(b -> b.groupIds(group)))));
            String westImage = west.describeImages(b -> b.owners("099720109477")).images().get(0).imageId();
            assertFalse(westImage.equals(CloudState.IMAGE_ID), "AMI ids differ between regions");

            Ec2Exception refused = assertThrows(Ec2Exception.class, () -> ireland.describeInstances());
            assertEquals("UnauthorizedOperation", code(refused));
            assertTrue(refused.getMessage().contains("us-east-1 and us-west-2"), refused.getMessage());
            AutoScalingException denied = assertThrows(AutoScalingException.class, () -> irelandGroups.describeAutoScalingGroups());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        }
    }

    @Test
    void loadBalancingValidatesAsElbv2AndPages() {
        List<String> subnets = ec2.describeSubnets().subnets().stream().map(s -> s.subnetId()).limit(2).toList();
        ElasticLoadBalancingV2Exception tooLong = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.createLoadBalancer(b -> b.name("a-load-balancer-name-longer-than-32").subnets(subnets)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
        assertTrue(tooLong.getMessage().contains("32"), tooLong.getMessage());
        assertEquals("ValidationError", assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.createLoadBalancer(b -> b.name("-dash").subnets(subnets))).awsErrorDetails().errorCode());
        assertEquals("ValidationError", assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.createTargetGroup(b -> b.name("tg").protocol("HTTP").vpcId(CloudState.VPC_ID))).awsErrorDetails().errorCode(),
                "an instance target group needs a port");
        String tcp = elb.createTargetGroup(b -> b.name("tcp-targets").protocol("TCP").port(80).vpcId(CloudState.VPC_ID))
                .targetGroups().get(0).targetGroupArn();
        String http = elb.createTargetGroup(b -> b.name("http-targets").protocol("HTTP").port(80).vpcId(CloudState.VPC_ID))
                .targetGroups().get(0).targetGroupArn();

        List<String> arns = new ArrayList<>();
        for (String name : List.of("alb-one", "alb-two", "alb-three")) {
            arns.add(elb.createLoadBalancer(b -> b.name(name).subnets(subnets)).loadBalancers().get(0).loadBalancerArn());
        }
        assertEquals("IncompatibleProtocols", assertThrows(ElasticLoadBalancingV2Exception.class, () -> elb.createListener(b -> b
                .loadBalancerArn(arns.get(0)).protocol("HTTP").port(80).defaultActions(a -> a.type("forward").targetGroupArn(tcp))))
                .awsErrorDetails().errorCode());
        assertEquals("ValidationError", assertThrows(ElasticLoadBalancingV2Exception.class, () -> elb.createListener(b -> b
                .loadBalancerArn(arns.get(0)).protocol("TCP").port(80).defaultActions(a -> a.type("forward").targetGroupArn(http))))
                .awsErrorDetails().errorCode());

        var page = elb.describeLoadBalancers(b -> b.pageSize(2));
        assertEquals(2, page.loadBalancers().size());
        assertNotNull(page.nextMarker());
        assertEquals(3, elb.describeLoadBalancersPaginator(b -> b.pageSize(1)).loadBalancers().stream().count());

        assertEquals("60", elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(arns.get(0))).attributes().stream()
                .filter(a -> a.key().equals("idle_timeout.timeout_seconds")).findFirst().orElseThrow().value());
        elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arns.get(0))
                .attributes(LoadBalancerAttribute.builder().key("deletion_protection.enabled").value("true").build()));
        assertEquals("OperationNotPermitted", assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.deleteLoadBalancer(b -> b.loadBalancerArn(arns.get(0)))).awsErrorDetails().errorCode());
        assertEquals("ValidationError", assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arns.get(0))
                        .attributes(LoadBalancerAttribute.builder().key("no.such.key").value("1").build()))).awsErrorDetails().errorCode());
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(http).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("30")));
        assertEquals("30", elb.describeTargetGroupAttributes(b -> b.targetGroupArn(http)).attributes().stream()
                .filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst().orElseThrow().value());

        assertEquals("ValidationError", assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elb.describeLoadBalancers(b -> b.marker("garbage!"))).awsErrorDetails().errorCode());
        assertEquals(2, elb.describeLoadBalancers(b -> b.names("alb-two")).loadBalancers().get(0).availabilityZones().size());
    }

    @Test
    void eachProtocolGetsItsOwnAnswers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = sandbox.endpoint();
        String auth = "AWS4-HMAC-SHA256 Credential=sandbox/20250101/us-east-1/%s/aws4_request, SignedHeaders=host, Signature=0";

        HttpResponse<String> checkip = http.send(HttpRequest.newBuilder(endpoint.resolve("/checkip")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(Sandbox.STUDENT_IP, checkip.body().trim());

        HttpResponse<String> json = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", auth.formatted("monitoring"))
                .header("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Namespace\":\"AWS/EC2\",\"MetricName\":\"CPUUtilization\","
                        + "\"StartTime\":1.7E9,\"EndTime\":1.8E9,\"Period\":60,\"Statistics\":[\"Average\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode(), json.body());
        assertEquals("{\"Label\":\"CPUUtilization\",\"Datapoints\":[]}", json.body());

        HttpResponse<String> query = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", auth.formatted("monitoring"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeAlarms&Version=2010-08-01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, query.statusCode(), query.body());
        assertTrue(query.body().contains("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<DescribeAlarmsResult><MetricAlarms></MetricAlarms>"), query.body());

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", auth.formatted("monitoring"))
                .header("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("\"__type\":\"MissingParameter\""), missing.body());

        HttpResponse<String> s3 = http.send(HttpRequest.newBuilder(endpoint.resolve("/")).header("Authorization", auth.formatted("s3"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(501, s3.statusCode());
        assertTrue(s3.body().contains("<Error><Code>NotImplemented</Code>"), s3.body());

        HttpResponse<String> dynamo = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", auth.formatted("dynamodb"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, dynamo.statusCode());
        assertTrue(dynamo.body().contains("\"__type\":\"UnknownOperationException\""), dynamo.body());

        HttpResponse<String> classic = http.send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", auth.formatted("elasticloadbalancing"))
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeLoadBalancers&Version=2012-06-01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, classic.statusCode());
        assertTrue(classic.body().contains("<Code>InvalidAction</Code>") && classic.body().contains("elbv2"), classic.body());
    }

    private static InstanceStateName state(String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }
}
