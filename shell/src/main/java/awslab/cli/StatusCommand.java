package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.InstanceNames;
import awslab.api.StatusSection;
import awslab.api.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code status} shows every registered {@link StatusSection} in order (the target, account and
 * region first, the lab's resources, what failed in the background…); {@code status INSTANCE}
 * one instance in detail.
 *
 * <pre>
 * status
 * status web
 * </pre>
 */
@Command(name = "status")
final class StatusCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.status.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    private final ShellSession session;
    private final Commands commands;

    StatusCommand(ShellSession session, Commands commands) {
        this.session = session;
        this.commands = commands;
    }

    @Override
    protected int doCall() {
        if (instance != null) {
            commands.instanceStatus().render(ctx(), instance);
            return 0;
        }
        int code = 0;
        for (StatusSection section : commands.statusSections()) {
            try {
                section.render(ctx());
            } catch (UserException e) {
                session.console().error(e);
                code = 1;
            }
        }
        return code;
    }
}
