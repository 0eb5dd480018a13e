package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.api.Reachability;
import awslab.i18n.Language;
import awslab.lab.cmd.InstancesStatus;
import awslab.testing.Ec2Answers;
import awslab.testing.FaultProxy;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code launch} and {@code status INSTANCE} show of an instance's first-boot setup, read
 * from its console as the user data writes it ({@link SetupProgress}'s contract). Moto has no
 * real instance, so the fault proxy answers {@code GetConsoleOutput} with consoles as a booting
 * Ubuntu shows them, one per call; the web service never answers (a closed port on 127.0.0.1).
 */
class LaunchSetupTest {
    @TempDir
    Path dir;

    private FaultProxy proxy;
    private AwsClients clients;
    private TestShellContext ctx;
    private int closedPort;

    @BeforeEach
    void proxyInFrontOfMoto() throws Exception {
        MotoServer.get().reset();
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
        ctx = new TestShellContext(Language.EN, clients, dir);
        LabMoto.importVockey(clients.ec2());
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        ctx.reachability(new Reachability() {
            @Override
            public Optional<URI> webService(String instanceId, String publicIp) {
                return Optional.of(URI.create("http://127.0.0.1:" + closedPort + "/"));
            }

            @Override
            public Optional<InetSocketAddress> ssh(String instanceId, String publicIp) {
                return Optional.empty();
            }

            @Override
            public Optional<URI> loadBalancer(String dnsName) {
                return Optional.empty();
            }
        });
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }


    static final String BEGIN = "[   42.1] cloud-init[1012]: awslab-setup: phase=begin t=0s -- setting up";
    static final String JAVA = "[   42.1] cloud-init[1012]: awslab-setup: phase=java t=0s -- installing Java";
    static final String LIBRARIES = "[   61.9] cloud-init[1012]: awslab-setup: phase=libraries t=19s -- fetching 10 libraries";
    static final String FAILED = "[  103.7] cloud-init[1012]: awslab-setup: phase=failed t=61s during=libraries exit=1 -- sha256sum --check";
    static final String LOG = "[  103.7] cloud-init[1012]: awslab-setup: log| /opt/awslab/lib/gson-2.13.2.jar: FAILED";

    private Launcher launcher(int attempts) {
        return new Launcher(clients, ctx.reachability(), dir, ctx.progress(), PublicAddressLookup.NONE, Waiting.immediate())
                .withWebWait(attempts, Duration.ofMillis(10));
    }

    @Test
    void eachStepIsSaidOnceAndAFailedSetupEndsTheWaitWithTheLogAndWhatToDo() {
        proxy.answer("GetConsoleOutput", Ec2Answers.consoleOutput("booting…"), Ec2Answers.consoleOutput(BEGIN, JAVA),
                Ec2Answers.consoleOutput(BEGIN, JAVA), Ec2Answers.consoleOutput(BEGIN, JAVA, LIBRARIES),
                Ec2Answers.consoleOutput(BEGIN, JAVA, LIBRARIES, FAILED, LOG));
        Launcher.Launched launched = launcher(50).launch(new Launcher.Options("web", "t3.micro", null));
        assertEquals(awslab.reach.WebServiceProbe.Status.NO_ANSWER, launched.web().status());
        List<String> steps = ctx.steps();
        String id = launched.instance().id();
        assertEquals(1, steps.stream().filter(s -> s.equals(id + ": installing Java (0\u00a0s into its setup)")).count(), steps.toString());
        assertTrue(steps.contains(id + ": fetching the libraries (19\u00a0s into its setup)"), steps.toString());
        assertTrue(steps.contains(id + ": its setup failed at step 2 of 5 (exit 1): sha256sum --check"), steps.toString());
        assertTrue(steps.contains("    | /opt/awslab/lib/gson-2.13.2.jar: FAILED"), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("Its web service will not start: terminate web and launch again")),
                steps.toString());
        assertTrue(proxy.requests("GetConsoleOutput").size() < 10, "the wait ended when the setup failed, not after 50 tries");
    }

    @Test
    void aSetupStillGoingWhenTheWaitEndsSaysWhereItIsAndWhatToDo() {
        proxy.answer("GetConsoleOutput", Ec2Answers.consoleOutput(BEGIN, JAVA, LIBRARIES));
        Launcher.Launched launched = launcher(3).launch(new Launcher.Options("web", "t3.micro", null));
        assertTrue(ctx.steps().contains(launched.instance().id()
                + ": after 19\u00a0s its setup is still fetching the libraries: it may still finish — look again in a minute with status web."),
                ctx.steps().toString());
    }

    @Test
    void statusOfOneInstanceShowsItsSetup() {
        proxy.answer("GetConsoleOutput", Ec2Answers.consoleOutput(BEGIN, JAVA, LIBRARIES, FAILED, LOG));
        String id = clients.ec2().runInstances(r -> r.imageId(MotoServer.UBUNTU_AMI).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(LabTags.ec2Spec(software.amazon.awssdk.services.ec2.model.ResourceType.INSTANCE, "web", "part1")))
                .instances().get(0).instanceId();
        new InstancesStatus().render(ctx, "web");
        String out = ctx.output();
        assertTrue(out.contains(id + ": its setup failed at step 2 of 5 (exit 1): sha256sum --check"), out);
        assertTrue(out.contains("| /opt/awslab/lib/gson-2.13.2.jar: FAILED"), out);
        proxy.answer("GetConsoleOutput", Ec2Answers.consoleOutput(BEGIN, JAVA));
        new InstancesStatus().render(ctx, "web");
        assertTrue(ctx.output().contains(id + ": installing Java (0\u00a0s into its setup)"), ctx.output());
    }

    @Test
    void aT2ThatRefusesTheLatestOutputIsAskedForWhatWasPosted() {
        proxy.on("GetConsoleOutput", FaultProxy.Fault.UNSUPPORTED, 1)
                .answer("GetConsoleOutput", Ec2Answers.consoleOutput(BEGIN, JAVA));
        SetupConsole console = new SetupConsole(clients.ec2());
        assertEquals(Optional.of(SetupProgress.Phase.JAVA), console.read("i-0123456789abcdef0").phase());
        assertEquals("true", proxy.requests("GetConsoleOutput").get(0).params().get("Latest"));
        assertEquals(null, proxy.requests("GetConsoleOutput").get(1).params().get("Latest"), "then what was posted");
        console.read("i-0123456789abcdef0");
        assertEquals(null, proxy.requests("GetConsoleOutput").get(2).params().get("Latest"), "and no more asking for the latest");
    }
}
