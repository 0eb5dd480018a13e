package awslab.cli;

import awslab.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code status} shows the active target, account and region, then every registered
 * {@link StatusSection} (the lab's resources, the lesson…).
 *
 * <pre>
 * status
 * </pre>
 */
@Command(name = "status")
final class StatusCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.status.param.instance",
            completionCandidates = awslab.lab.cmd.InstanceCandidates.class)
    String instance;

    @Override
    protected int doCall() {
        ShellSession session = ShellSession.of(ctx());
        if (instance != null) {
            Commands.INSTANCE_STATUS.accept(ctx(), instance);
            return 0;
        }
        int code = 0;
        for (var section : Commands.STATUS_SECTIONS) {
            try {
                section.apply(ctx()).render();
            } catch (UserException e) {
                session.console().error(e);
                code = 1;
            }
        }
        return code;
    }
}
