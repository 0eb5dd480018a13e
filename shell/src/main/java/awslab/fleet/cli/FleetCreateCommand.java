package awslab.fleet.cli;

import awslab.api.LocalAddresses;
import awslab.fleet.FleetBuilder;
import awslab.fleet.FleetDiagram;
import awslab.fleet.FleetGuardrails;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetSettings;
import awslab.fleet.FleetWatcher;
import awslab.fleet.LaunchSpec;
import awslab.learnerlab.LearnerLab;
import awslab.api.AwsClients;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet create}: the launch template, load balancer, target group, listener, group and
 * policy, after the Learner Lab cap check and the cost estimate; then waits for healthy targets.
 *
 * <pre>
 * fleet create --max 3 --no-detailed-monitoring
 * </pre>
 */
@Command(name = "create")
public final class FleetCreateCommand extends FleetSubcommand {
    @Option(names = "--template-name", descriptionKey = "help.fleet.create.option.template-name")
    String templateName;

    @Option(names = "--group-name", descriptionKey = "help.fleet.create.option.group-name")
    String groupName;

    @Option(names = "--min", descriptionKey = "help.fleet.create.option.min")
    Integer min;

    @Option(names = "--desired", descriptionKey = "help.fleet.create.option.desired")
    Integer desired;

    @Option(names = "--max", descriptionKey = "help.fleet.create.option.max")
    Integer max;

    @Option(names = "--cpu-target", descriptionKey = "help.fleet.create.option.cpu-target")
    Double cpuTarget;

    @Option(names = "--detailed-monitoring", negatable = true, defaultValue = "true", fallbackValue = "true",
            descriptionKey = "help.fleet.create.option.detailed-monitoring")
    boolean detailedMonitoring;

    @Option(names = "--timeout", defaultValue = "600", descriptionKey = "help.fleet.create.option.timeout")
    long timeoutSeconds;

    @Option(names = "--no-wait", descriptionKey = "help.fleet.create.option.no-wait")
    boolean noWait;

    @Option(names = {"-y", "--yes"}, descriptionKey = "help.fleet.create.option.yes")
    boolean yes;

    @Override
    protected int doCall() {
        FleetSettings defaults = FleetSettings.defaults();
        FleetSettings settings = defaults
                .withTemplateName(templateName != null ? templateName : defaults.templateName())
                .withGroupName(groupName != null ? groupName : defaults.groupName())
                .withSizes(min != null ? min : defaults.min(), desired != null ? desired : defaults.desired(),
                        max != null ? max : defaults.max())
                .withCpuTarget(cpuTarget != null ? cpuTarget : defaults.cpuTarget());
        AwsClients clients = shell().clients();
        int others = new FleetGuardrails(clients).checkCapacity(settings);
        say("msg.fleet.create.cap", settings.max(), others, LearnerLab.MAX_RUNNING_INSTANCES);
        LaunchSpec spec = wiring().launchSpecs().launchSpec(clients, shell().progress())
                .withDetailedMonitoring(detailedMonitoring);
        FleetGuardrails.Cost cost = FleetGuardrails.estimate(settings, spec);
        say("msg.fleet.create.cost", cost.hourlyAtDesired(), settings.desired(), cost.hourlyAtMax(), settings.max());
        if (!cost.instancePriceKnown()) {
            say("msg.fleet.create.cost.unknownType", spec.instanceType());
        }
        say(spec.detailedMonitoring() ? "msg.fleet.create.monitoring.on" : "msg.fleet.create.monitoring.off",
                cost.monitoringHourlyAtMax());
        if (cost.moreThanLabNeeds() && !yes && !shell().confirm("msg.fleet.create.costlyConfirm", spec.instanceType())) {
            say("msg.fleet.create.cancelled");
            return 1;
        }
        FleetBuilder.Built built = new FleetBuilder(clients, shell().progress()).create(settings, spec);
        say("msg.fleet.create.done", settings.groupName(), built.loadBalancerDns());
        LocalAddresses.loadBalancer(shell(), built.loadBalancerDns()).ifPresent(shell().out()::println);
        say("msg.fleet.create.grace", FleetSettings.HEALTH_CHECK_GRACE_SECONDS);
        FleetInspector inspector = new FleetInspector(clients);
        if (!noWait) {
            say("msg.fleet.create.waiting", settings.desired(), timeoutSeconds);
            FleetWatcher.Outcome outcome = new FleetWatcher(inspector, shell().progress(), wiring().pacer().get(),
                    java.util.Optional.of(new awslab.lab.SetupConsole(clients.ec2())))
                    .watch(settings.groupName(), Duration.ofSeconds(timeoutSeconds));
            say(outcome.reached() ? "msg.fleet.watch.reached" : "msg.fleet.watch.timeout",
                    outcome.elapsed().toSeconds(), outcome.last().healthyInService(), outcome.last().desired());
        }
        inspector.inspect(settings.groupName()).ifPresent(status -> shell().out().print(FleetDiagram.render(status, shell().messages()::word)));
        return 0;
    }
}
