package awslab.cli;

import awslab.UserException;
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
    @Parameters(arity = "0..*", paramLabel = "COMMAND", descriptionKey = "help.help.param.command")
    List<String> command = new ArrayList<>();

    @Override
    protected int doCall() {
        ShellSession session = ShellSession.of(ctx());
        HelpRenderer renderer = new HelpRenderer(ctx().messages());
        if (command.isEmpty()) {
            session.console().println(renderer.overview());
            return 0;
        }
        Class<?> type = Commands.byName().get(command.get(0));
        if (type == null) {
            throw Commands.closest(command.get(0))
                    .map(s -> new UserException("err.command.unknown.suggest", command.get(0), s))
                    .orElseGet(() -> new UserException("err.command.unknown", command.get(0)));
        }
        CommandLine target = new CommandRunner(session).commandLine(type);
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
