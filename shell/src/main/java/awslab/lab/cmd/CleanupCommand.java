package awslab.lab.cmd;

import awslab.api.BaseCommand;
import awslab.i18n.AwsWord;
import awslab.fleet.FleetDeleter;
import awslab.fleet.Pacer;
import java.util.function.Supplier;
import awslab.lab.Cleanup;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cleanup [--yes]}: deletes everything the shell created (by its tags), never vockey. */
@Command(name = "cleanup")
public final class CleanupCommand extends BaseCommand {
    @Option(names = {"--yes", "-y"}, descriptionKey = "help.cleanup.option.yes")
    boolean yes;

    private final Supplier<Pacer> pacer;

    /** @param pacer how often to look again while the fleet's resources go away */
    public CleanupCommand(Supplier<Pacer> pacer) {
        this.pacer = pacer;
    }

    @Override
    protected int doCall() {
        Cleanup cleanup = new Cleanup(ctx().clients(), ctx().stateDir(), ctx().progress(), LabTarget.waiting(ctx()));
        List<Cleanup.Resource> plan = cleanup.plan();
        if (plan.isEmpty()) {
            say("msg.cleanup.nothing");
            return 0;
        }
        // First what will go, then the question, then each deletion as it happens, then the count.
        say("msg.cleanup.plan", plan.size());
        plan.forEach(r -> say("msg.cleanup.line", AwsWord.resource(r.kind()), r.id(), r.name()));
        if (!yes && !ctx().confirm("msg.cleanup.confirm")) {
            say("msg.cleanup.cancelled");
            return 1;
        }
        // Fleets first, in their own dependency order (group and its instances, listener, load
        // balancer, target group, template, the load balancer's group); then everything else tagged.
        int fleetDeleted = new FleetDeleter(ctx().clients(), ctx().progress(), pacer.get()).deleteAllManaged();
        List<Cleanup.Resource> deleted = cleanup.run();
        say("msg.cleanup.done", deleted.size() + fleetDeleted);
        return 0;
    }

    private void say(String key, Object... args) {
        ctx().out().println(ctx().messages().get(key, args));
    }
}
