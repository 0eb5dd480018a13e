package awslab.cli;

import awslab.api.BaseCommand;
import picocli.CommandLine.Command;

/**
 * {@code exit} (or {@code quit}, or Ctrl-D) leaves the shell. Progress and settings are already saved.
 *
 * <pre>
 * exit
 * </pre>
 */
@Command(name = "exit", aliases = "quit")
final class ExitCommand extends BaseCommand {
    private final ShellSession session;

    ExitCommand(ShellSession session) {
        this.session = session;
    }

    @Override
    protected int doCall() {
        session.requestExit();
        return 0;
    }
}
