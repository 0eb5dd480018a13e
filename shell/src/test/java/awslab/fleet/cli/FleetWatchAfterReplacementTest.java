package awslab.fleet.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.cli.SandboxNotices;
import awslab.cli.ShellFixture;
import awslab.cli.ShellSession;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.i18n.Language;
import awslab.lab.LabNames;
import awslab.sandbox.SandboxClient;
import awslab.sandbox.SandboxTesting;
import awslab.target.SandboxCloud;
import awslab.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson's step "terminate one of the fleet's instances, then fleet watch": where the group
 * replaces it while {@code terminate} still waits (the sandbox), {@code fleet watch} says that the
 * replacement is done and ends, rather than wait ten minutes for a change that will not come.
 */
class FleetWatchAfterReplacementTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aReplacementAlreadyDoneIsToldAndTheWatchEnds() {
        ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), dir, Language.FR);
        ShellSession session = shell.session();
        SandboxCloud sandbox = new SandboxCloud(dir, () -> SandboxClient.Launch.defaults().withPort(0).withPace("fast")
                .withIdleStop(Duration.ofMinutes(5)), new SandboxNotices(session));
        session.targets().localCloud(() -> sandbox);
        session.assumeYes(true);
        try {
            String created = shell.run("fleet create");
            assertTrue(created.contains("instances saines sur 2 souhaitées"), created);
            FleetInspector inspector = new FleetInspector(session.clients());
            String victim = inspector.inspect(LabNames.AUTO_SCALING_GROUP).orElseThrow().instanceIds().get(0);
            shell.run("terminate " + victim + " --yes");
            SandboxTesting.await("the group replaced " + victim, Duration.ofMinutes(2), () -> {
                FleetStatus status = inspector.inspect(LabNames.AUTO_SCALING_GROUP).orElseThrow();
                return status.settled() && !status.instanceIds().contains(victim);
            });

            String watched = shell.run("fleet watch");
            assertTrue(watched.contains("Le groupe a déjà fini de changer, il y a "), watched);
            assertTrue(watched.contains("« Launching a new EC2 instance"), watched);
            assertTrue(watched.contains("Il sert 2 instances saines sur 2 souhaitées."), watched);
            assertFalse(watched.contains("suivi de ses changements"), "no wait for a change that will not come: " + watched);
        } finally {
            sandbox.stop();
            shell.java().close();
        }
    }
}
