package awslab.lab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.lab.ImageResolver;
import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.LabMoto;
import awslab.lab.LabNames;
import awslab.learnerlab.LearnerLab;
import awslab.lab.Waiting;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandsTest {
    @TempDir
    Path stateDir;

    private TestShellContext ctx;
    private Instances instances;

    @BeforeEach
    void freshMoto() {
        MotoServer.get().reset();
        ctx = TestShellContext.onMoto(stateDir);
        instances = new Instances(ctx.clients().ec2(), Progress.SILENT, Waiting.immediate());
    }

    @Test
    void launchesWithVockeyAndTheLabDefaults() {
        LabMoto.importVockey(ctx.clients().ec2());
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand()), ctx.output());
        LabInstance web = instances.find(LabNames.DEFAULT_INSTANCE_NAME);
        assertEquals("running", web.state());
        assertEquals(LabNames.DEFAULT_INSTANCE_TYPE, web.type());
        assertTrue(web.managed());
        assertEquals(LabNames.PART1_LESSON, web.lesson());
        var described = ctx.clients().ec2().describeInstances(r -> r.instanceIds(web.id())).reservations().get(0).instances().get(0);
        assertEquals(LabNames.LAB_KEY_PAIR, described.keyName());
        assertEquals(MotoServer.UBUNTU_AMI, described.imageId(), "the newest Canonical Ubuntu 24.04 image");
        assertEquals("required", described.metadataOptions().httpTokensAsString());
        assertTrue(ctx.output().contains(web.id()), ctx.output());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("pending")), ctx.steps().toString());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("running")), ctx.steps().toString());
        assertTrue(ctx.output().contains("On this target the web service cannot be reached"), "said at once on Moto: " + ctx.output());
        // On an emulator the caller's address is unknown: HTTP open, no SSH rule at all.
        var group = ctx.clients().ec2().describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(LabNames.WEB_SECURITY_GROUP)))
                .securityGroups().get(0);
        assertTrue(group.ipPermissions().stream().anyMatch(p -> p.fromPort() == 80));
        assertFalse(group.ipPermissions().stream().anyMatch(p -> p.fromPort() == 22));
    }

    @Test
    void createsItsOwnOwnerOnlyKeyWhereVockeyDoesNotExist() throws Exception {
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand(), "--name", "web", "--type", "t3.micro"), ctx.output());
        LabInstance web = instances.find("web");
        assertEquals("t3.micro", web.type());
        Path pem = stateDir.resolve("keys").resolve(LabNames.OWN_KEY_PAIR + ".pem");
        assertTrue(java.nio.file.Files.readString(pem).contains("PRIVATE KEY"));
        assertEquals("rw-------", PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(pem)));
        // A second launch reuses the key pair and the security group.
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand(), "--name", "web2"), ctx.output());
        assertEquals(1, ctx.clients().ec2().describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(LabNames.WEB_SECURITY_GROUP)))
                .securityGroups().size());
    }

    @Test
    void stopStartRebootTerminateShowTheAddresses() {
        LabMoto.importVockey(ctx.clients().ec2());
        TestShellContext.run(ctx, new LaunchCommand());
        String id = instances.find(LabNames.DEFAULT_INSTANCE_NAME).id();
        String firstIp = instances.find(id).publicIp();
        assertNotNull(firstIp);

        assertEquals(0, TestShellContext.run(ctx, new StopCommand(), id), ctx.output());
        LabInstance stopped = instances.find(id);
        assertEquals("stopped", stopped.state());
        assertNull(stopped.publicIp());

        assertEquals(0, TestShellContext.run(ctx, new StartCommand()), ctx.output()); // no argument: the lab instance
        LabInstance started = instances.find(id);
        assertEquals("running", started.state());
        assertNotEquals(firstIp, started.publicIp());
        assertTrue(ctx.output().contains("Old public IP: " + firstIp + ", new public IP: " + started.publicIp()), ctx.output());

        assertEquals(0, TestShellContext.run(ctx, new RebootCommand(), LabNames.DEFAULT_INSTANCE_NAME), ctx.output());
        assertEquals(started.publicIp(), instances.find(id).publicIp());

        ctx.answerConfirmations(false);
        assertEquals(1, TestShellContext.run(ctx, new TerminateCommand(), id));
        assertEquals("running", instances.find(id).state(), "a no keeps it");
        assertEquals(0, TestShellContext.run(ctx, new TerminateCommand(), id, "--yes"), ctx.output());
        assertEquals("terminated", instances.find(id).state());
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("stopping")), ctx.steps().toString());
    }

    @Test
    void explainsWhatIsWrong() {
        UserException unknown = LabMoto.userError(ctx, new StopCommand(), "i-0123456789abcdef0");
        assertEquals("err.lab.instance.unknown", unknown.key());
        assertTrue(ctx.messages().get(unknown.key(), unknown.args()).contains("i-0123456789abcdef0"));
        assertEquals("err.lab.instance.unknown", LabMoto.userError(ctx, new StartCommand(), "no-such-name").key());
        assertEquals("err.lab.instance.none", LabMoto.userError(ctx, new RebootCommand()).key());

        assertEquals("err.lab.key.missing", LabMoto.userError(ctx, new LaunchCommand(), "--key", "nope").key());

        TestShellContext.run(ctx, new LaunchCommand());
        String id = instances.find(LabNames.DEFAULT_INSTANCE_NAME).id();
        TestShellContext.run(ctx, new StopCommand(), id);
        UserException twice = LabMoto.userError(ctx, new StopCommand(), id);
        assertEquals("err.lab.instance.state", twice.key());
        assertTrue(ctx.messages().get(twice.key(), twice.args()).contains("stopped"));
        assertEquals("err.lab.instance.state", LabMoto.userError(ctx, new RebootCommand(), id).key());
    }

    @Test
    void leavesOtherAwsErrorsToTheShellsExplainerAndCreatesNoInstance() {
        LabMoto.importVockey(ctx.clients().ec2());
        ctx.output();
        var command = new LaunchCommand();
        command.context(ctx);
        Exception[] thrown = new Exception[1];
        new picocli.CommandLine(command).setExecutionExceptionHandler((e, cl, parsed) -> {
            thrown[0] = e;
            return 1;
        }).execute("--type", "t2.enormous");
        var error = assertInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class, thrown[0]);
        assertEquals(400, error.statusCode());
        assertTrue(instances.list().isEmpty());
    }

    @Test
    void saysSoWhenThereIsNoUbuntuImage() {
        LabMoto.importVockey(ctx.clients().ec2());
        ctx.clients().ec2().describeImages(r -> r.owners(ImageResolver.CANONICAL_OWNER)
                        .filters(f -> f.name("name").values(ImageResolver.UBUNTU_NAME_PATTERN))).images()
                .forEach(image -> ctx.clients().ec2().deregisterImage(r -> r.imageId(image.imageId())));
        UserException none = LabMoto.userError(ctx, new LaunchCommand());
        assertEquals("err.lab.image.none", none.key());
        assertTrue(instances.list().isEmpty());
    }

    @Test
    void refusesALaunchBeyondTheLearnerLabCap() {
        ctx.clients().ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro")
                .minCount(LearnerLab.MAX_RUNNING_INSTANCES - 1).maxCount(LearnerLab.MAX_RUNNING_INSTANCES - 1));
        assertEquals(0, TestShellContext.run(ctx, new LaunchCommand(), "--name", "ninth"), ctx.output());
        UserException cap = LabMoto.userError(ctx, new LaunchCommand(), "--name", "tenth");
        assertEquals("err.lab.cap", cap.key());
        assertEquals(LearnerLab.MAX_RUNNING_INSTANCES, cap.args()[0]);
        assertTrue(instances.list().stream().noneMatch(i -> i.name().equals("tenth")));
    }

    @Test
    void refusesToStartAnInstanceBeyondTheCap() {
        TestShellContext.run(ctx, new LaunchCommand(), "--name", "web");
        TestShellContext.run(ctx, new StopCommand(), "web");
        ctx.clients().ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t2.micro")
                .minCount(LearnerLab.MAX_RUNNING_INSTANCES).maxCount(LearnerLab.MAX_RUNNING_INSTANCES));
        assertEquals("err.lab.cap", LabMoto.userError(ctx, new StartCommand(), "web").key());
        assertEquals("stopped", instances.find("web").state());
    }

    @Test
    void speaksFrench() {
        TestShellContext fr = new TestShellContext(awslab.i18n.Language.FR, ctx.clients(), stateDir);
        TestShellContext.run(fr, new LaunchCommand(), "--name", "web");
        assertEquals(0, TestShellContext.run(fr, new InstancesCommand(), "web"), fr.output());
        assertTrue(fr.output().contains("ÉTAT") && fr.output().contains("Instances en marche dans cette région : 1 sur les 9"), fr.output());
        UserException unknown = LabMoto.userError(fr, new StopCommand(), "inconnue");
        assertTrue(fr.messages().get(unknown.key(), unknown.args()).startsWith("Pas d’instance inconnue ici"));
    }

    @Test
    void warnsAboutATypeOutsideTheLearnerLabSizes() {
        TestShellContext.run(ctx, new LaunchCommand(), "--type", "t3.xlarge");
        assertTrue(ctx.steps().stream().anyMatch(s -> s.contains("t3.xlarge") && s.contains("nano to large")), ctx.steps().toString());
    }

    @Test
    void listsTheInstancesWithCostAndTheCap() {
        TestShellContext.run(ctx, new LaunchCommand(), "--name", "web");
        assertEquals(0, TestShellContext.run(ctx, new InstancesCommand()), ctx.output());
        String out = ctx.output();
        LabInstance web = instances.find("web");
        assertTrue(out.contains(web.id()) && out.contains(web.publicIp()), out);
        assertTrue(out.contains("~$0.0116"), out);
        assertTrue(out.contains("1 of 9"), out);
        assertTrue(out.contains("web: web service http://" + web.publicIp() + "/task — unreachable from this target"), out);
        assertEquals(0, TestShellContext.run(ctx, new InstancesCommand(), "web"), ctx.output());
        String detail = ctx.output().substring(out.length());
        assertTrue(detail.contains("  ZONE") && detail.contains(web.zone()) && detail.contains("running"), detail);
        assertTrue(new InstanceCandidates(() -> instances).get().containsAll(java.util.List.of(web.id(), "web")));
    }

    @Test
    void cleanupShowsWhatGoesThenAsksThenSaysEachDeletionOnce() {
        TestShellContext.run(ctx, new LaunchCommand(), "--name", "web");
        LabInstance web = instances.find("web");
        CleanupCommand refused = new CleanupCommand(() -> awslab.fleet.Pacer.every(java.time.Duration.ZERO));
        assertEquals(1, TestShellContext.run(ctx.answerConfirmations(false), refused), ctx.output());
        String asked = ctx.output();
        int plan = asked.indexOf("These 3 resources created by the shell will be deleted:");
        int question = asked.indexOf("Delete it all (never vockey");
        assertTrue(plan >= 0 && question > plan, "first what goes, then the question: " + asked);
        assertTrue(asked.indexOf("  • instance " + web.id() + " (web)") > plan, asked);
        assertTrue(asked.contains("  • security group sg-") && asked.contains("  • key pair key-"), asked);
        assertTrue(asked.endsWith("Nothing deleted." + System.lineSeparator()), asked);
        assertEquals("running", instances.find("web").state(), "nothing was deleted");

        CleanupCommand agreed = new CleanupCommand(() -> awslab.fleet.Pacer.every(java.time.Duration.ZERO));
        assertEquals(0, TestShellContext.run(ctx.answerConfirmations(true), agreed), ctx.output());
        String done = ctx.output().substring(asked.length());
        assertTrue(done.endsWith("3 resources deleted." + System.lineSeparator()), done);
        assertEquals(1, ctx.steps().stream().filter(s -> s.equals("Deleted instance " + web.id() + " (web)")).count(),
                "each deletion said once: " + ctx.steps());
        assertFalse(done.contains("Deleted instance"), "and not said again after: " + done);
    }
}
