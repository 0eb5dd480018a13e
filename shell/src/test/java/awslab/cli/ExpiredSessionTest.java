package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.lab.LabMoto;
import awslab.lab.LabTags;
import awslab.target.Target;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Learner Lab session that ends in the middle of lesson 1, played through the shell against a
 * {@link FaultProxy} that answers {@code ExpiredToken} as AWS does: each command says so in one
 * line with what to do; after {@code connect} with a new block the lesson goes on where it was;
 * whatever was made before the expiry carries the shell's tags.
 */
class ExpiredSessionTest {
    static final String BLOCK = "[default]\naws_access_key_id=ASIANEWSESSIONKEY123\n"
            + "aws_secret_access_key=AnotherSecret/xyz+987\naws_session_token=IQoJb3JpZ2luX2VjNEWTOKEN==\n";

    @TempDir
    Path home;

    private FaultProxy proxy;

    @BeforeEach
    void proxyInFrontOfMoto() {
        MotoServer.get().reset();
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        try (var clients = proxy.clients()) {
            LabMoto.importVockey(clients.ec2());
        }
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    /** The lines of {@code out} that say the session expired. */
    private static List<String> expiredLines(String out) {
        return out.lines().filter(l -> l.contains("session has expired")).toList();
    }

    @Test
    void everyCommandSaysSoInOneLineAndTheLessonGoesOnAfterConnect() throws Exception {
        ShellFixture shell = ShellFixture.on(Target.endpoint(proxy.endpoint(), "us-east-1"), home, Language.EN);
        shell.run("lesson 1");
        proxy.always("RunInstances", Fault.EXPIRED_TOKEN);
        String launch = shell.run("launch");
        List<String> said = expiredLines(launch);
        assertEquals(1, said.size(), launch);
        assertTrue(said.get(0).contains("ExpiredToken") && said.get(0).contains("type connect to paste it"), said.get(0));

        proxy.always("*", Fault.EXPIRED_TOKEN);
        for (String command : List.of("instances", "status", "status ma-premiere-instance", "fleet status",
                "fleet create", "cleanup --yes", "stop", "ssh -- uname", "check", "doctor", "ec2.describeInstances()")) {
            String out = shell.run(command);
            assertEquals(1, expiredLines(out).size(), command + " says it once:\n" + out);
            assertFalse(out.contains("Exception") || out.contains("\tat "), command + ": " + out);
        }
        proxy.clear();

        // What the launch made before the session ended carries the shell's tags: cleanup finds it.
        try (var clients = proxy.clients()) {
            var groups = clients.ec2().describeSecurityGroups().securityGroups().stream()
                    .filter(g -> !g.groupName().equals("default")).toList();
            assertFalse(groups.isEmpty());
            groups.forEach(g -> assertTrue(g.tags().stream().anyMatch(t -> t.key().equals(LabTags.MANAGED)), g.toString()));
            assertEquals(0, clients.ec2().describeInstances().reservations().size(), "no instance was made");
        }

        Path block = home.resolve("block.txt");
        Files.writeString(block, BLOCK);
        assertTrue(shell.run("connect --from " + block).contains("Connected"));
        String again = shell.run("launch");
        assertTrue(again.contains("step 2/8"), "the lesson goes on with its next step:\n" + again);
        String progress = shell.run("progress");
        assertTrue(progress.contains("✔ Launch your first instance") && progress.contains("▶ Read the instance’s details"), progress);
    }
}
