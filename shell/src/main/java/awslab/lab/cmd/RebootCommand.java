package awslab.lab.cmd;

import awslab.i18n.AwsWord;
import awslab.api.InstanceNames;
import awslab.api.BaseCommand;
import awslab.lab.LabInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reboot [INSTANCE]}: restarts the operating system; the instance keeps its public IP. */
@Command(name = "reboot")
public final class RebootCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.reboot.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Override
    protected int doCall() {
        LabInstance before = LabTarget.instances(ctx()).find(LabTarget.instanceOrLab(ctx(), instance));
        LabInstance after = LabTarget.instances(ctx()).reboot(before.id());
        ctx().out().println(ctx().messages().get("msg.reboot.done", after.id(), AwsWord.state(after.state()),
                LaunchCommand.ip(ctx().messages(), before.publicIp()), LaunchCommand.ip(ctx().messages(), after.publicIp())));
        return 0;
    }
}
