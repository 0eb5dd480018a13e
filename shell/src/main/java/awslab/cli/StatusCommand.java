package awslab.cli;

import awslab.UserException;
import picocli.CommandLine.Command;

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
    @Override
    protected int doCall() {
        ShellSession session = ShellSession.of(ctx());
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
