package awslab.lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.lab.Cleanup;
import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.LabMoto;
import awslab.lab.LabNames;
import awslab.lab.Waiting;
import awslab.lab.cmd.CleanupCommand;
import awslab.lab.cmd.LaunchCommand;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.CheckResult.Outcome;
import awslab.api.Checkpoint;
import awslab.api.Reachability;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCheckpointsTest {
    /** The seed answer of the lab web service (DESIGN.md); the lead may switch this to the real service at merge. */
    static final String SEED_JSON = "{\"Count\": 4, \"Tasks\": [{\"id\":1,\"description\":\"Préparer le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":2,\"description\":\"Ajouter des gif\",\"user\":\"Rémi\"},{\"id\":3,\"description\":\"Donner le cours\",\"user\":\"Rémi\"},"
            + "{\"id\":4,\"description\":\"???\",\"user\":\"Rémi\"}]}";

    @TempDir
    Path stateDir;

    private TestShellContext ctx;
    private Instances instances;
    private final Map<String, String> facts = new HashMap<>();
    private final Map<String, Checkpoint> checkpoints = LabCheckpoints.all().stream().collect(Collectors.toMap(Checkpoint::id, c -> c));

    @BeforeEach
    void freshMoto() {
        MotoServer.get().reset();
        ctx = TestShellContext.onMoto(stateDir);
        instances = new Instances(ctx.clients().ec2(), Progress.SILENT, Waiting.immediate());
        LabMoto.importVockey(ctx.clients().ec2());
    }

    private CheckResult check(String id, Reachability reachability) {
        return checkpoints.get(id).verify(new CheckContext(ctx.clients(), reachability, facts));
    }

    @Test
    void followsTheInstanceThroughPartOne() {
        assertEquals(Outcome.FAILED, check("instance-running", Reachability.NONE).outcome());
        TestShellContext.run(ctx, new LaunchCommand());
        LabInstance web = instances.find(LabNames.DEFAULT_INSTANCE_NAME);

        CheckResult running = check("instance-running", Reachability.NONE);
        assertEquals(Outcome.PASSED, running.outcome(), running.toString());
        assertEquals(web.id(), facts.get("instance.id"));
        assertEquals(web.publicIp(), facts.get("instance.publicIp"));
        assertEquals(Outcome.CANNOT_CHECK, check("web-service-answers", Reachability.NONE).outcome());
        assertEquals(Outcome.FAILED, check("instance-stopped", Reachability.NONE).outcome());

        instances.stop(web.id());
        assertEquals(Outcome.PASSED, check("instance-stopped", Reachability.NONE).outcome());
        CheckResult stoppedWeb = check("web-service-answers", Reachability.NONE);
        assertEquals(Outcome.FAILED, stoppedWeb.outcome(), "a stopped instance answers on no target: " + stoppedWeb);
        assertEquals("msg.check.web.notRunning", stoppedWeb.messageKey());
        assertEquals(Outcome.FAILED, check("instance-restarted", Reachability.NONE).outcome());

        instances.start(web.id());
        CheckResult restarted = check("instance-restarted", Reachability.NONE);
        assertEquals(Outcome.PASSED, restarted.outcome(), restarted.toString());
        String newIp = instances.find(web.id()).publicIp();
        assertEquals(List.of(web.id(), web.publicIp(), newIp), restarted.args(), "old and new IP shown");
        assertEquals(newIp, facts.get("instance.publicIp"), "the fact follows the new IP");

        instances.reboot(web.id());
        assertEquals(Outcome.PASSED, check("instance-rebooted", Reachability.NONE).outcome());
        facts.put("instance.publicIp", "192.0.2.1");
        assertEquals(Outcome.FAILED, check("instance-rebooted", Reachability.NONE).outcome(), "an IP change is no reboot");

        assertEquals(Outcome.FAILED, check("instance-terminated", Reachability.NONE).outcome());
        instances.terminate(web.id());
        assertEquals(Outcome.PASSED, check("instance-terminated", Reachability.NONE).outcome());
    }

    @Test
    void webServiceAnswersThroughTheReachabilitySeam() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String[] body = {SEED_JSON};
        server.createContext("/task", exchange -> {
            byte[] bytes = body[0].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            URI local = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Reachability toLocal = new Reachability() {
                @Override
                public Optional<URI> webService(String instanceId, String publicIp) {
                    return publicIp == null ? Optional.empty() : Optional.of(local); // never the address Moto made up
                }

                @Override
                public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                    return Optional.empty();
                }

                @Override
                public Optional<URI> loadBalancer(String dnsName) {
                    return Optional.empty();
                }
            };
            ctx.reachability(toLocal);
            assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output());
            assertTrue(ctx.output().contains("The web service answers: " + local.resolve("/task")), ctx.output());
            CheckResult answers = check("web-service-answers", toLocal);
            assertEquals(Outcome.PASSED, answers.outcome(), answers.toString());
            assertEquals(4, answers.args().get(1));
            body[0] = "{\"Count\": 0, \"Tasks\": []}";
            assertEquals(Outcome.FAILED, check("web-service-answers", toLocal).outcome());
        } finally {
            server.stop(0);
        }
        Reachability closed = new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return Optional.empty();
            }
        };
        assertEquals(Outcome.FAILED, check("web-service-answers", closed).outcome());
    }

    @Test
    void nothingLeftAfterCleanupWhichSparesVockeyAndUntaggedGroups() {
        var ec2 = ctx.clients().ec2();
        String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        String untagged = ec2.createSecurityGroup(r -> r.groupName("students-own").description("not ours").vpcId(vpc)).groupId();
        TestShellContext.run(ctx, new LaunchCommand(), "--name", "a");
        TestShellContext.run(ctx, new LaunchCommand(), "--name", "b");
        ec2.createLaunchTemplate(r -> r.launchTemplateName(LabNames.LAUNCH_TEMPLATE)
                .launchTemplateData(d -> d.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro"))
                .tagSpecifications(awslab.lab.LabTags.ec2Spec(software.amazon.awssdk.services.ec2.model.ResourceType.LAUNCH_TEMPLATE,
                        LabNames.LAUNCH_TEMPLATE, "fleet")));
        CheckResult before = check("nothing-left", Reachability.NONE);
        assertEquals(Outcome.FAILED, before.outcome());

        ctx.answerConfirmations(false);
        assertEquals(1, TestShellContext.run(ctx, new CleanupCommand(awslab.fleet.FleetWiring.defaults().pacer())));
        assertEquals(Outcome.FAILED, check("nothing-left", Reachability.NONE).outcome(), "a no deletes nothing");

        assertEquals(0, TestShellContext.run(ctx, new CleanupCommand(awslab.fleet.FleetWiring.defaults().pacer()), "--yes"), ctx.output());
        CheckResult after = check("nothing-left", Reachability.NONE);
        assertEquals(Outcome.PASSED, after.outcome(), after.toString());
        // The fleet's part (its template) is reported as progress steps, the rest as the final list.
        String shown = ctx.output() + String.join("\n", ctx.steps());
        assertTrue(shown.contains(LabNames.LAUNCH_TEMPLATE) && shown.contains(LabNames.WEB_SECURITY_GROUP), shown);
        assertEquals(1, ec2.describeKeyPairs(r -> r.filters(f -> f.name("key-name").values(LabNames.LAB_KEY_PAIR))).keyPairs().size(),
                "vockey stays");
        assertEquals(1, ec2.describeSecurityGroups(r -> r.groupIds(untagged)).securityGroups().size(), "an untagged group stays");
        assertTrue(instances.list().stream().allMatch(LabInstance::isGone));

        List<Cleanup.Resource> again = new Cleanup(ctx.clients(), stateDir, Progress.SILENT, Waiting.immediate()).run();
        assertEquals(List.of(), again.stream().filter(d -> !d.kind().equals("instance")).toList(), "a second run deletes nothing");
    }

    @Test
    void cleanupDeletesTheShellsOwnKeyAndItsPrivateKey() {
        var ec2 = ctx.clients().ec2();
        ec2.deleteKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR));
        TestShellContext.run(ctx, new LaunchCommand());
        Path pem = stateDir.resolve("keys").resolve(LabNames.OWN_KEY_PAIR + ".pem");
        assertTrue(pem.toFile().isFile());
        List<Cleanup.Resource> deleted = new Cleanup(ctx.clients(), stateDir, Progress.SILENT, Waiting.immediate()).run();
        assertTrue(deleted.stream().anyMatch(d -> d.kind().equals("key-pair") && d.name().equals(LabNames.OWN_KEY_PAIR)), deleted.toString());
        assertTrue(!pem.toFile().exists());
        assertEquals(0, ec2.describeKeyPairs(r -> r.filters(awslab.lab.LabTags.managedFilter())).keyPairs().size());
    }
}
