package awslab.fleet.cli;

import awslab.api.GroupNames;
import awslab.api.LocalAddresses;
import awslab.api.UserException;
import awslab.i18n.AwsWord;
import awslab.i18n.Messages;
import awslab.ui.Table;
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
            descriptionKey = "help.fleet.status.option.group-name", completionCandidates = GroupNames.class)
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
            say("msg.fleet.status.loadBalancer", lb.name(), AwsWord.balancer(lb.state()), lb.dnsName());
            LocalAddresses.loadBalancer(shell(), lb.dnsName()).ifPresent(shell().out()::println);
            say(status.listener() ? "msg.fleet.status.listener" : "msg.fleet.status.noListener");
        } else {
            say("msg.fleet.status.noLoadBalancer");
        }
        Messages messages = shell().messages();
        if (!status.members().isEmpty()) {
            Table table = new Table(messages.get("msg.fleet.status.column.instance"), messages.get("msg.fleet.status.column.zone"),
                    messages.get("msg.fleet.status.column.group"), messages.get("msg.fleet.status.column.target"),
                    messages.get("msg.fleet.status.column.ec2"));
            for (FleetStatus.Member m : status.members()) {
                table.row(m.instanceId(), m.zone(), messages.word(AwsWord.lifecycle(m.lifecycle())),
                        messages.word(AwsWord.health(m.targetHealth())), messages.word(AwsWord.state(m.instanceState())));
            }
            shell().out().print(table.render(shell().width()));
            // in the sandbox, where each one answers on this computer, under the table (an address is never cut)
            for (FleetStatus.Member m : status.members()) {
                LocalAddresses.web(shell(), m.instanceId()).ifPresent(web -> say("msg.sandbox.local.member", m.instanceId(), web));
            }
        }
        shell().out().print(FleetDiagram.render(status, messages::word));
        return 0;
    }
}
