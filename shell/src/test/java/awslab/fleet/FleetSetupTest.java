package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.AwsClients;
import awslab.lab.LabNames;
import awslab.lab.SetupConsole;
import awslab.testing.Ec2Answers;
import awslab.testing.FaultProxy;
import awslab.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While {@code fleet create} and {@code fleet watch} wait for healthy targets, each new instance's
 * setup step shows. Moto's targets are healthy at once and its instances have no console, so the
 * fault proxy answers DescribeTargetHealth ("initial", then "healthy") and GetConsoleOutput (the
 * setup's lines) as AWS would while the instances boot.
 */
class FleetSetupTest {
    private FaultProxy proxy;
    private AwsClients clients;
    private FleetFixture fixture;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void proxyInFrontOfMoto() {
        proxy = FaultProxy.in(MotoServer.get().endpoint());
        clients = proxy.clients();
        fixture = FleetFixture.fresh(clients);
    }

    @AfterEach
    void close() {
        clients.close();
        proxy.close();
    }

    static String health(List<String> ids, String state) {
        StringBuilder members = new StringBuilder();
        for (String id : ids) {
            members.append("<member><Target><Id>").append(id).append("</Id><Port>80</Port></Target><HealthCheckPort>80</HealthCheckPort>")
                    .append("<TargetHealth><State>").append(state).append("</State></TargetHealth></member>");
        }
        return "<DescribeTargetHealthResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
                + "<DescribeTargetHealthResult><TargetHealthDescriptions>" + members + "</TargetHealthDescriptions>"
                + "</DescribeTargetHealthResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                + "</DescribeTargetHealthResponse>";
    }


    @Test
    void eachBootingInstanceShowsItsSetupStepUntilHealthy() {
        new FleetBuilder(clients, awslab.api.Progress.SILENT).create(FleetSettings.defaults(), fixture.spec);
        List<String> ids = fixture.members(LabNames.AUTO_SCALING_GROUP);
        String initial = health(ids, "initial");
        proxy.answer("DescribeTargetHealth", initial, initial, initial, initial, health(ids, "healthy"));
        proxy.answer("GetConsoleOutput",
                Ec2Answers.consoleOutput("awslab-setup: phase=begin t=0s", "awslab-setup: phase=java t=0s"),
                Ec2Answers.consoleOutput("awslab-setup: phase=begin t=0s", "awslab-setup: phase=java t=0s"),
                Ec2Answers.consoleOutput("awslab-setup: phase=begin t=0s", "awslab-setup: phase=libraries t=21s"),
                Ec2Answers.consoleOutput("awslab-setup: phase=begin t=0s", "awslab-setup: phase=libraries t=21s"),
                Ec2Answers.consoleOutput("awslab-setup: phase=begin t=0s", "awslab-setup: phase=started t=44s"));
        FleetWatcher.Outcome outcome = new FleetWatcher(new FleetInspector(clients), (key, args) -> steps.add(key + " " + List.of(args)),
                FleetFixture.fastPacer(), Optional.of(new SetupConsole(clients.ec2()))).watch(LabNames.AUTO_SCALING_GROUP, Duration.ofSeconds(30));
        assertTrue(outcome.reached(), steps.toString());
        for (String id : ids) {
            assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.lab.setup.at.") && s.contains(id)), id + " in " + steps);
        }
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.lab.setup.at.java")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.lab.setup.at.libraries")), steps.toString());
    }
}
