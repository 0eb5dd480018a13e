package awslab.lab.check;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Progress;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.lab.IngressRules;
import awslab.lab.LabInstances;
import awslab.lab.LabNames;
import awslab.lab.LabTags;
import awslab.sandbox.Sandbox;
import awslab.sandbox.SandboxTesting;
import awslab.ssh.HostKeys;
import awslab.ssh.KeyLocator;
import awslab.ssh.SshSessions;
import awslab.ssh.SshWorksCheckpoint;
import awslab.state.StateFiles;
import awslab.target.SandboxCloud;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * When the sandbox drops the student's HTTP or SSH (issue 10, item 4), the checkpoints say which
 * security-group rule is missing and how to add it, instead of "no answer".
 */
class BlockedTrafficCheckTest {
    @TempDir
    Path stateDir;

    @Test
    void aCheckpointWhoseTrafficIsDroppedNamesTheMissingRule() throws Exception {
        // the sandbox as the shell meets it: a service process, reached through the shell's SandboxCloud
        SandboxCloud cloud = new SandboxCloud(stateDir, SandboxTesting::launch, new SandboxCloud.Listener() {
            @Override
            public void starting(int port, boolean again) {}

            @Override
            public void ready(SandboxCloud.Status status, boolean startedHere) {}
        });
        URI endpoint = cloud.endpoint();
        try (AwsClients clients = new AwsClients(SandboxTesting.configure(Ec2Client.builder(), endpoint).build(),
                SandboxTesting.configure(AutoScalingClient.builder(), endpoint).build(),
                SandboxTesting.configure(ElasticLoadBalancingV2Client.builder(), endpoint).build(),
                SandboxTesting.configure(StsClient.builder(), endpoint).build(), SandboxTesting.configure(SsmClient.builder(), endpoint).build(),
                SandboxTesting.configure(CloudWatchClient.builder(), endpoint).build())) {
            Ec2Client ec2 = clients.ec2();
            String group = ec2.createSecurityGroup(b -> b.groupName("closed").description("no rules")).groupId();
            String id = ec2.runInstances(b -> b.imageId(Sandbox.IMAGE_ID).instanceType("t2.micro").keyName("vockey")
                    .securityGroupIds(group).minCount(1).maxCount(1)
                    .tagSpecifications(LabTags.ec2Spec(ResourceType.INSTANCE, "web", LabNames.PART1_LESSON))).instances().get(0).instanceId();
            await(id + " running", Duration.ofSeconds(60), () -> describe(ec2, id).state().nameAsString().equals("running"));
            Instance instance = describe(ec2, id);
            Map<String, String> facts = new HashMap<>(Map.of(LabInstances.FACT_ID, id));
            CheckContext context = new CheckContext(clients, cloud.reachability(), facts);
            Messages en = Messages.load(Language.EN);

            CheckResult web = new WebServiceAnswersCheck().verify(context);
            String webText = en.get(web.messageKey(), web.args().toArray());
            assertEquals("msg.check.web.blocked", web.messageKey(), webText);
            assertTrue(webText.contains("--group-id " + group + " --protocol tcp --port 80 --cidr 0.0.0.0/0"), webText);

            SshSessions sessions = new SshSessions(HostKeys.in(new StateFiles(d -> {}), stateDir), Progress.SILENT, Duration.ofSeconds(2));
            // no key file in the working folder nor the home given here: the sandbox's own vockey, under the state directory
            KeyLocator keys = new KeyLocator(stateDir.resolve("work"), stateDir.resolve("home"), stateDir);
            CheckResult ssh = new SshWorksCheckpoint(keys, sessions).verify(context);
            String sshText = en.get(ssh.messageKey(), ssh.args().toArray());
            assertEquals("err.ssh.blocked", ssh.messageKey(), sshText);
            assertTrue(sshText.contains("--port 22 --cidr " + Sandbox.STUDENT_IP + "/32"), sshText);

            ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                    .ipRanges(r -> r.cidrIp(Sandbox.STUDENT_IP + "/32"))));
            assertEquals(Optional.empty(), IngressRules.missing(ec2, instance, 22, Optional.of(Sandbox.STUDENT_IP)),
                    "the rule the message gave lets SSH in");
        } finally {
            cloud.stop();
        }
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
