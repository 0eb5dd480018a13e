package awslab.fleet.cli;

import awslab.api.LocalAddresses;
import awslab.api.UserException;
import awslab.fleet.FleetDiagram;
import awslab.fleet.FleetInspector;
import awslab.fleet.FleetStatus;
import awslab.lab.LabNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet status}: the load balancer's address, the group's capacity, each instance, and a picture.
 *
 * <pre>
 * fleet status --group-name ASG-webservice
 * </pre>
 */
@Command(name = "status")
public final class FleetStatusCommand extends FleetSubcommand {
    @Option(names = "--group-name", defaultValue = LabNames.AUTO_SCALING_GROUP,
            descriptionKey = "help.fleet.status.option.group-name")
    String groupName;

    @Override
    protected int doCall() {
        FleetStatus status = new FleetInspector(shell().clients()).inspect(groupName)
                .orElseThrow(() -> new UserException("err.fleet.group.unknown", groupName));
        say("msg.fleet.status.group", status.groupName(), status.desired(), status.min(), status.max(),
                status.inService(), status.healthyInService());
        say("msg.fleet.status.zones", String.join(", ", status.zones()));
        if (status.loadBalancer().isPresent()) {
            FleetStatus.Balancer lb = status.loadBalancer().get();
            say("msg.fleet.status.loadBalancer", lb.name(), lb.state(), lb.dnsName());
            LocalAddresses.loadBalancer(shell(), lb.dnsName()).ifPresent(shell().out()::println);
            say(status.listener() ? "msg.fleet.status.listener" : "msg.fleet.status.noListener");
        } else {
            say("msg.fleet.status.noLoadBalancer");
        }
        for (FleetStatus.Member m : status.members()) {
            say("msg.fleet.status.instance", m.instanceId(), m.zone(), m.lifecycle(), m.health(), m.targetHealth(),
                    m.instanceState());
            LocalAddresses.web(shell(), m.instanceId()).ifPresent(web -> say("msg.sandbox.local.member", web));
        }
        shell().out().print(FleetDiagram.render(status));
        return 0;
    }
}
