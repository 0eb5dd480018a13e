package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.lab.LabNames;
import awslab.lab.LabTags;
import awslab.lab.PublicAddressLookup;
import awslab.lab.SecurityGroups;
import awslab.lab.cmd.CleanupCommand;
import awslab.fleet.Pacer;
import awslab.reach.PortProbe;
import awslab.testing.MotoServer;
import awslab.testing.SilentPort;
import awslab.testing.TestShellContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A student launches at home (203.0.113.7), then opens the laptop on campus (198.51.100.20):
 * {@code ssh} notices the SSH rule no longer matches before trying, says so, and with consent
 * makes the shell's rule follow — tagged, the old address removed, cleaned up with the rest.
 * And when port 22 is silent everywhere, it says the network blocks SSH. Moto for the API, a
 * real SSH server on 127.0.0.1 for the instance, the caller's address given by the test.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshRuleTest {
    static final String HOME = "203.0.113.7";
    static final String CAMPUS = "198.51.100.20";

    @TempDir
    Path dir;

    private TestSshServer server;
    private TestShellContext ctx;
    private Ec2Client ec2;
    private String instanceId;
    private String groupId;

    @BeforeEach
    void launchFromHome() {
        MotoServer.get().reset();
        server = TestSshServer.start(dir);
        ctx = TestShellContext.onMoto(dir.resolve("state"));
        ec2 = ctx.clients().ec2();
        ec2.importKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR).publicKeyMaterial(
                software.amazon.awssdk.core.SdkBytes.fromUtf8String(server.publicKeyOpenSsh())));
        // launch as on AWS from home: the rule is the home address's /32.
        new awslab.lab.Launcher(ctx.clients(), ctx.reachability(), ctx.stateDir(), ctx.progress(), () -> Optional.of(HOME),
                awslab.lab.Waiting.immediate()).launch(new awslab.lab.Launcher.Options("web", "t2.micro", null));
        var instance = ec2.describeInstances(r -> r.filters(LabTags.managedFilter())).reservations().get(0).instances().get(0);
        instanceId = instance.instanceId();
        groupId = instance.securityGroups().get(0).groupId();
        ctx.reachability(SshCommandTest.to(instanceId, server.address()));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    private List<String> sshSources() {
        return new SecurityGroups(ec2, awslab.api.Progress.SILENT, PublicAddressLookup.NONE).sshSources(List.of(groupId));
    }

    private int ssh(String callerIp, PortProbe publicSsh, String... args) {
        SshCommand command = new SshCommand(e -> () -> Optional.of(callerIp), Optional.ofNullable(publicSsh));
        command.context(ctx);
        new CommandLine(command).parseArgs(args);
        try {
            return command.call();
        } catch (UserException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fromHomeTheRuleMatchesAndNothingIsAsked() {
        assertEquals(List.of(HOME + "/32"), sshSources());
        assertEquals(0, ssh(HOME, null, "--key", server.privateKey().toString(), "--", "true"));
        assertFalse(ctx.output().contains("public address is now"), ctx.output());
    }

    @Test
    void fromCampusItSaysSoAndUpdatesTheRuleWhenTheStudentAgrees() {
        ctx.answerConfirmations(true);
        assertEquals(0, ssh(CAMPUS, null, "--key", server.privateKey().toString(), "--", "true"), ctx.output());
        String out = ctx.output();
        assertTrue(out.contains("Your public address is now " + CAMPUS + ", but the instance lets SSH in only from " + HOME + "/32"), out);
        assertTrue(out.contains("Update the SSH rule of " + groupId + " to your address " + CAMPUS + "/32"), out);
        assertEquals(List.of(CAMPUS + "/32"), sshSources(), "the old address is gone, the new one in");
        var rule = ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(groupId))).securityGroupRules()
                .stream().filter(x -> (CAMPUS + "/32").equals(x.cidrIpv4())).findFirst().orElseThrow();
        assertTrue(rule.tags().stream().anyMatch(t -> t.key().equals(LabTags.MANAGED)), "tagged like the rest: " + rule);

        // Back home the next day: the same question, the other way.
        assertEquals(0, ssh(HOME, null, "--key", server.privateKey().toString(), "--", "true"));
        assertEquals(List.of(HOME + "/32"), sshSources());

        CleanupCommand cleanup = new CleanupCommand(() -> Pacer.every(Duration.ofMillis(1)));
        assertEquals(0, TestShellContext.run(ctx, cleanup, "--yes"), ctx.output());
        assertTrue(ec2.describeSecurityGroups(r -> r.filters(LabTags.managedFilter())).securityGroups().isEmpty(),
                "cleaned with the rest");
    }

    @Test
    void whenTheStudentDeclinesTheRuleStaysAsItWas() {
        ctx.answerConfirmations(false);
        ssh(CAMPUS, null, "--key", server.privateKey().toString(), "--", "true");
        assertEquals(List.of(HOME + "/32"), sshSources());
        assertTrue(ctx.output().contains("Your public address is now " + CAMPUS), ctx.output());
    }

    @Test
    void aGroupTheShellDidNotMakeIsNeverChanged() {
        String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
        String foreign = ec2.createSecurityGroup(r -> r.groupName("teachers-own").description("x").vpcId(vpc)).groupId();
        String other = ec2.runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro").minCount(1).maxCount(1)
                .keyName(LabNames.LAB_KEY_PAIR).securityGroupIds(foreign)
                .tagSpecifications(LabTags.ec2Spec(software.amazon.awssdk.services.ec2.model.ResourceType.INSTANCE, "other", "part1")))
                .instances().get(0).instanceId();
        ctx.reachability(SshCommandTest.to(other, server.address())).answerConfirmations(true);
        ssh(CAMPUS, null, "--key", server.privateKey().toString(), other, "--", "true");
        assertTrue(ctx.output().contains("were not made by awslab"), ctx.output());
        assertTrue(new SecurityGroups(ec2, awslab.api.Progress.SILENT, PublicAddressLookup.NONE)
                .sshSources(List.of(foreign)).isEmpty());
    }

    @Test
    void silenceFromTheInstanceAndFromAPublicServerMeansTheNetworkBlocksSsh() throws Exception {
        try (SilentPort silent = SilentPort.open()) {
            ctx.reachability(SshCommandTest.to(instanceId, new InetSocketAddress("127.0.0.1", silent.port())));
            UserException e = assertThrows(UserException.class,
                    () -> ssh(HOME, new PortProbe("127.0.0.1", silent.port()), "--key", server.privateKey().toString(), "--", "true"));
            assertEquals("err.ssh.portBlocked", e.key());
            String text = ctx.messages().get(e.key(), e.args());
            assertTrue(text.contains("this network seems to block SSH") && text.contains("hotspot"), text);
        }
    }
}
