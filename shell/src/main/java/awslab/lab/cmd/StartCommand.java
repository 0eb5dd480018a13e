package awslab.lab.cmd;

import awslab.i18n.AwsWord;
import awslab.api.InstanceNames;
import awslab.api.BaseCommand;
import awslab.api.LocalAddresses;
import awslab.lab.Guardrails;
import awslab.lab.KnownAddresses;
import awslab.lab.LabInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code start [INSTANCE]}: starts a stopped instance and shows its old and new public IP. */
@Command(name = "start")
public final class StartCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.start.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Override
    protected int doCall() {
        LabInstance before = LabTarget.instances(ctx()).find(LabTarget.instanceOrLab(ctx(), instance));
        if (before.isStopped()) {
            new Guardrails(ctx().clients().ec2(), ctx().progress()).requireRoomFor(1);
        }
        LabInstance started = LabTarget.instances(ctx()).start(before.id());
        // A stopped instance shows no IP: the old one is the last the shell saw.
        KnownAddresses known = new KnownAddresses(ctx().files(), ctx().stateDir());
        String old = before.publicIp() != null ? before.publicIp() : known.last(started.id()).orElse(null);
        known.remember(started.id(), started.publicIp());
        ctx().out().println(ctx().messages().get("msg.start.done", started.id(), AwsWord.state(started.state()),
                LaunchCommand.ip(ctx().messages(), old), LaunchCommand.ip(ctx().messages(), started.publicIp())));
        LocalAddresses.instance(ctx(), started.id(), started.publicIp()).ifPresent(ctx().out()::println);
        return 0;
    }
}
