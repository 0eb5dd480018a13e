package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.InstanceNames;
import awslab.api.StatusSection;
import awslab.api.UserException;
import awslab.target.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
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
        String said = null;
        for (StatusSection section : commands.statusSections()) {
            try {
                section.render(ctx());
            } catch (UserException | SdkException e) {
                RuntimeException explained = AwsErrors.explainAny(e);
                if (!(explained instanceof UserException user)) {
                    throw explained;
                }
                // Expired credentials fail every section alike: say it once.
                String text = session.messages().get(user.key(), user.args());
                if (!text.equals(said)) {
                    session.console().error(user);
                    said = text;
                }
                code = 1;
            }
        }
        return code;
    }
}
