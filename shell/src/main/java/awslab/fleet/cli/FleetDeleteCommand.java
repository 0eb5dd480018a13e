package awslab.fleet.cli;

import awslab.api.GroupNames;
import awslab.fleet.FleetDeleter;
import awslab.fleet.FleetSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet delete}: removes every fleet resource in dependency order; safe to run again.
 *
 * <pre>
 * fleet delete --yes
 * </pre>
 */
@Command(name = "delete")
public final class FleetDeleteCommand extends FleetSubcommand {
    @Option(names = "--group-name", descriptionKey = "help.fleet.delete.option.group-name", completionCandidates = GroupNames.class)
    String groupName;

    @Option(names = "--template-name", descriptionKey = "help.fleet.delete.option.template-name")
    String templateName;

    @Option(names = {"-y", "--yes"}, descriptionKey = "help.fleet.delete.option.yes")
    boolean yes;

    @Override
    protected int doCall() {
        FleetSettings defaults = FleetSettings.defaults();
        FleetSettings settings = defaults
                .withGroupName(groupName != null ? groupName : defaults.groupName())
                .withTemplateName(templateName != null ? templateName : defaults.templateName());
        if (!yes && !shell().confirm("msg.fleet.delete.confirm", settings.groupName())) {
            say("msg.fleet.delete.cancelled");
            return 1;
        }
        int deleted = new FleetDeleter(shell().clients(), shell().progress(), wiring().pacer().get()).delete(settings);
        say(deleted == 0 ? "msg.fleet.delete.nothing" : "msg.fleet.delete.done", deleted);
        return 0;
    }
}
