package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Security groups on the data plane (issue 10, item 4): HTTP and SSH from the student's machine,
 * and the load balancer's traffic to its targets, pass only when the groups allow them; what
 * they drop gets no answer at all, as on AWS.
 */
class SandboxFirewallTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;
    static Sandbox sandbox;
    static Ec2Client ec2;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxTesting.startFast(stateDir);
        ec2 = sandbox.configure(Ec2Client.builder()).build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        sandbox.close();
    }

    @Test
    void anInstanceIsReachableOnlyThroughTheRulesOfItsGroups() throws Exception {
        String group = ec2.createSecurityGroup(b -> b.groupName("closed").description("no rule yet")).groupId();
        Instance instance = launch(group);
        URI web = sandbox.reachability().webService(instance.instanceId(), instance.publicIpAddress()).orElseThrow();
        InetSocketAddress ssh = sandbox.reachability().ssh(instance.instanceId(), instance.publicIpAddress()).orElseThrow();

        assertThrows(SocketTimeoutException.class, () -> status(web), "no rule for port 80: no answer, as on AWS");
        assertThrows(TransportException.class, () -> connect(ssh), "no rule for port 22: no answer");

        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        assertEquals(200, status(web), "HTTP from anywhere lets the student in");

        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(r -> r.cidrIp("198.51.100.7/32"))));
        assertThrows(TransportException.class, () -> connect(ssh), "SSH from someone else's address keeps the student out");
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(r -> r.cidrIp(Sandbox.STUDENT_IP + "/32"))));
        connect(ssh);

        ec2.revokeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        assertTrue(timesOutWithin(web, java.time.Duration.ofSeconds(15)), "revoked: closed again");
        ec2.terminateInstances(b -> b.instanceIds(instance.instanceId()));
    }

    @Test
    void theLoadBalancerReachesOnlyTargetsThatLetItIn() throws Exception {
        try (ElasticLoadBalancingV2Client elb = sandbox.configure(ElasticLoadBalancingV2Client.builder()).build()) {
            String albGroup = ec2.createSecurityGroup(b -> b.groupName("alb").description("the load balancer")).groupId();
            String targets = ec2.createSecurityGroup(b -> b.groupName("targets").description("the instances")).groupId();
            Instance instance = launch(targets);
            List<String> subnets = ec2.describeSubnets().subnets().stream().map(s -> s.subnetId()).limit(2).toList();
            String tg = elb.createTargetGroup(b -> b.name("fw-targets").protocol("HTTP").port(80).vpcId(CloudState.VPC_ID)
                    .healthCheckPath("/health").healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
            var lb = elb.createLoadBalancer(b -> b.name("fw-alb").subnets(subnets).securityGroups(albGroup)).loadBalancers().get(0);
            elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
            elb.registerTargets(b -> b.targetGroupArn(tg).targets(t -> t.id(instance.instanceId())));
            URI proxy = sandbox.reachability().loadBalancer(lb.dnsName()).orElseThrow();

            assertThrows(SocketTimeoutException.class, () -> status(proxy), "the load balancer's group lets nobody in yet");
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(albGroup).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                    .ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
            await("the target to time out its health checks", WAIT, () -> "Target.Timeout".equals(health(elb, tg).reasonAsString()));
            assertEquals("unhealthy", health(elb, tg).stateAsString());
            assertEquals(504, status(proxy, 6000), "the load balancer waits for the target, then gives up");

            ec2.authorizeSecurityGroupIngress(b -> b.groupId(targets).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                    .userIdGroupPairs(g -> g.groupId(albGroup))));
            await("the target to pass its health checks", WAIT, () -> "healthy".equals(health(elb, tg).stateAsString()));
            assertEquals(200, status(proxy));
            URI direct = sandbox.reachability().webService(instance.instanceId(), instance.publicIpAddress()).orElseThrow();
            assertThrows(SocketTimeoutException.class, () -> status(direct), "the instance itself still lets only the load balancer in");
        }
    }

    private static Instance launch(String group) {
        String id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType("t2.micro").keyName("vockey")
                .securityGroupIds(group).minCount(1).maxCount(1)).instances().get(0).instanceId();
        await(id + " running", WAIT, () -> describe(id).state().name() == InstanceStateName.RUNNING);
        return describe(id);
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static TargetHealthDescription target(ElasticLoadBalancingV2Client elb, String tg) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions().get(0);
    }

    private static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth health(ElasticLoadBalancingV2Client elb,
            String tg) {
        return target(elb, tg).targetHealth();
    }

    /** The status of a GET; a dropped connection is a read timeout (the connection itself succeeds on loopback). */
    private static int status(URI uri) throws IOException {
        return status(uri, 1500);
    }

    /**
     * Whether the web service stops answering (a read timeout) within the bound: asked again
     * until then, since on a loaded machine the first ask may come before the change applies.
     */
    private static boolean timesOutWithin(URI web, java.time.Duration bound) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(bound);
        for (int i = 0; i < 100 && java.time.Instant.now().isBefore(deadline); i++) {
            try {
                status(web);
            } catch (SocketTimeoutException e) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int status(URI uri, int readTimeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.resolve("/health").toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(readTimeoutMillis);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static void connect(InetSocketAddress address) throws IOException {
        try (SSHClient client = new SSHClient()) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setConnectTimeout(2000);
            client.setTimeout(1500);
            client.connect(address.getHostString(), address.getPort());
            client.authPublickey("ubuntu", client.loadKeys(sandbox.labKeyFile().toString()));
        }
    }
}
