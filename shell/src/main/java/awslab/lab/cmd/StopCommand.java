package awslab.lab.cmd;

import awslab.i18n.AwsWord;
import awslab.api.InstanceNames;
import awslab.api.BaseCommand;
import awslab.lab.KnownAddresses;
import awslab.lab.LabInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stop [INSTANCE]}: stops it and waits; a stopped instance has no public IP. */
@Command(name = "stop")
public final class StopCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.stop.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Override
    protected int doCall() {
        LabInstance before = LabTarget.instances(ctx()).find(LabTarget.instanceOrLab(ctx(), instance));
        new KnownAddresses(ctx().files(), ctx().stateDir()).remember(before.id(), before.publicIp());
        LabInstance stopped = LabTarget.instances(ctx()).stop(before.id());
        ctx().out().println(ctx().messages().get("msg.stop.done", stopped.id(), AwsWord.state(stopped.state()),
                LaunchCommand.ip(ctx().messages(), before.publicIp()), LaunchCommand.ip(ctx().messages(), stopped.publicIp())));
        return 0;
    }
}
