package awslab.lab.cmd;

import awslab.i18n.Messages;
import awslab.i18n.AwsWord;
import awslab.api.BaseCommand;
import awslab.api.LocalAddresses;
import awslab.lab.KnownAddresses;
import awslab.lab.LabNames;
import awslab.lab.Launcher;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch [--name NAME] [--type TYPE] [--key KEY]}: part 1's instance, with the lab's
 * defaults (Ubuntu 24.04, t2.micro, vockey, HTTP open, SSH from the caller only, IMDSv2).
 */
@Command(name = "launch", mixinStandardHelpOptions = false)
public final class LaunchCommand extends BaseCommand {
    @Option(names = "--name", descriptionKey = "help.launch.option.name")
    String name = LabNames.DEFAULT_INSTANCE_NAME;

    @Option(names = "--type", descriptionKey = "help.launch.option.type")
    String type = LabNames.DEFAULT_INSTANCE_TYPE;

    @Option(names = "--key", descriptionKey = "help.launch.option.key")
    String key;

    @Override
    protected int doCall() {
        Launcher.Launched launched = new Launcher(ctx().clients(), ctx().reachability(), ctx().stateDir(), ctx().progress(),
                LabTarget.callerAddress(ctx()), LabTarget.waiting(ctx()))
                .launch(new Launcher.Options(name, type, key));
        PrintWriter out = ctx().out();
        var instance = launched.instance();
        new KnownAddresses(ctx().files(), ctx().stateDir()).remember(instance.id(), instance.publicIp());
        out.println(ctx().messages().get("msg.launch.done", instance.name(), instance.id(), AwsWord.state(instance.state()),
                dash(instance.publicIp()), dash(instance.publicDns())));
        LocalAddresses.instance(ctx(), instance.id(), instance.publicIp()).ifPresent(out::println);
        out.println(ctx().messages().get("msg.launch.key", launched.key().name(),
                launched.key().privateKey().map(Object::toString).orElse(LabNames.LAB_KEY_FILE)));
        out.println(ctx().messages().get(switch (launched.web().status()) {
            case ANSWERS -> "msg.launch.web.answers";
            case NO_ANSWER -> "msg.launch.web.noAnswer";
            case CANNOT_CHECK -> "msg.launch.web.cannotCheck";
        }, launched.web().uri().map(Object::toString).orElse("http://" + dash(instance.publicIp()) + "/task")));
        return 0;
    }

    /** A public IP in a sentence: the address, or the word for none (a stopped instance has none). */
    static String ip(Messages messages, String ip) {
        return ip == null || ip.isBlank() ? messages.get("msg.lab.ip.none") : ip;
    }

    static String dash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
