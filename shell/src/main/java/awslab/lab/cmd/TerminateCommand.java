package awslab.lab.cmd;

import awslab.i18n.AwsWord;
import awslab.api.InstanceNames;
import awslab.api.BaseCommand;
import awslab.fleet.FleetLookup;
import awslab.lab.LabInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code terminate [INSTANCE] [--yes]}: deletes the instance for good, after confirmation. */
@Command(name = "terminate")
public final class TerminateCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.terminate.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Option(names = {"--yes", "-y"}, descriptionKey = "help.terminate.option.yes")
    boolean yes;

    @Override
    protected int doCall() {
        LabInstance target = LabTarget.instances(ctx()).find(LabTarget.instanceOrLab(ctx(), instance));
        if (!yes && !ctx().confirm("msg.terminate.confirm", target.id(), target.name())) {
            ctx().out().println(ctx().messages().get("msg.terminate.cancelled", target.id()));
            return 1;
        }
        // A fleet instance comes back: say so, as the lab's part 2 teaches. Asked before: once
        // terminated, the instance is no longer the group's.
        FleetLookup fleet = new FleetLookup(ctx().clients());
        var group = fleet.groupOf(target.id()).flatMap(fleet::group);
        LabInstance gone = LabTarget.instances(ctx()).terminate(target.id());
        ctx().out().println(ctx().messages().get("msg.terminate.done", gone.id(), AwsWord.state(gone.state())));
        group.ifPresent(g -> ctx().out().println(ctx().messages().get(
                "msg.fleet.terminate.member", gone.id(), g.autoScalingGroupName(), g.desiredCapacity())));
        return 0;
    }
}
