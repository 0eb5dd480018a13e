package awslab.cli;

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
    @Override
    protected int doCall() {
        ShellSession.of(ctx()).requestExit();
        return 0;
    }
}
