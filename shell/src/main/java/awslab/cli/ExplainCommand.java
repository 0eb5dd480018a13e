package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.UserException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code explain on|off}: whether each step also shows its AWS CLI command and Java SDK call
 * (remembered); {@code explain} alone says which.
 *
 * <pre>
 * explain on
 * </pre>
 */
@Command(name = "explain")
final class ExplainCommand extends BaseCommand {
    private final ShellSession session;

    ExplainCommand(ShellSession session) {
        this.session = session;
    }

    @Parameters(arity = "0..1", paramLabel = "on|off", descriptionKey = "help.explain.param.mode")
    String mode;

    @Override
    protected int doCall() {
        if (mode != null) {
            String value = mode.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("on") && !value.equals("off")) {
                throw new UserException("err.explain.mode", mode);
            }
            session.explainChosen(value.equals("on"));
        }
        session.console().info(session.explain() ? "msg.explain.on" : "msg.explain.off");
        return 0;
    }
}
