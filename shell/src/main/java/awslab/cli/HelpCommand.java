package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.UserException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code help} lists the commands by group; {@code help CMD [SUB]} describes one, with examples.
 *
 * <pre>
 * help
 * help fleet create
 * </pre>
 */
@Command(name = "help")
final class HelpCommand extends BaseCommand {
    private final ShellSession session;
    private final CommandRunner runner;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", descriptionKey = "help.help.param.command")
    List<String> command = new ArrayList<>();

    HelpCommand(ShellSession session, CommandRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    @Override
    protected int doCall() {
        HelpRenderer renderer = new HelpRenderer(ctx().messages());
        if (command.isEmpty()) {
            session.console().println(renderer.overview(runner.commands()));
            return 0;
        }
        Class<?> type = runner.commands().byName().get(command.get(0));
        if (type == null) {
            throw runner.commands().closest(command.get(0))
                    .map(s -> new UserException("err.command.unknown.suggest", command.get(0), s))
                    .orElseGet(() -> new UserException("err.command.unknown", command.get(0)));
        }
        CommandLine target = runner.commandLine(type);
        for (String sub : command.subList(1, command.size())) {
            CommandLine next = target.getSubcommands().get(sub);
            if (next == null) {
                throw new UserException("err.subcommand.unknown", sub, target.getCommandSpec().qualifiedName(" "));
            }
            target = next;
        }
        session.console().println(renderer.command(target));
        return 0;
    }
}
