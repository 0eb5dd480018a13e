package awslab.cli;

import awslab.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders help from the i18n bundles only (picocli's built-in English never shows): the
 * grouped list of commands, and one command's summary, usage, description, options and
 * examples, read from {@code help.<command path>.summary|description|examples} and each
 * option's {@code descriptionKey}.
 *
 * <pre>
 * String all = new HelpRenderer(messages).overview(commands);
 * String one = new HelpRenderer(messages).command(commandLine);
 * </pre>
 */
public final class HelpRenderer {
    private final Messages messages;

    public HelpRenderer(Messages messages) {
        this.messages = messages;
    }

    /** The key prefix of a command: {@code help.fleet.create} for {@code fleet create}. */
    public static String keyBase(CommandSpec spec) {
        return "help." + spec.qualifiedName(".");
    }

    /** The commands of every non-empty group, with their one-line summaries. */
    public String overview(Commands commands) {
        StringBuilder text = new StringBuilder(messages.get("msg.help.intro")).append("\n");
        for (Commands.Group group : commands.groups()) {
            if (group.commands().isEmpty()) {
                continue;
            }
            text.append('\n').append(messages.get(group.titleKey())).append('\n');
            List<String[]> rows = new ArrayList<>();
            for (Class<?> type : group.commands()) {
                String name = Commands.name(type);
                rows.add(new String[] {name, messages.get("help." + name + ".summary")});
            }
            text.append(columns(rows));
        }
        text.append('\n').append(messages.get("msg.help.java")).append('\n');
        return text.toString();
    }

    /** One command's help (the {@code CommandLine} of that command or subcommand). */
    public String command(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        String base = keyBase(spec);
        StringBuilder text = new StringBuilder();
        text.append(spec.qualifiedName(" ")).append(" — ").append(messages.get(base + ".summary")).append("\n\n");
        text.append(messages.get("help.label.usage")).append(' ').append(synopsis(commandLine)).append("\n\n");
        text.append(messages.get(base + ".description")).append('\n');
        List<String[]> options = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String label = String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
            options.add(new String[] {label, description(option)});
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden()) {
                options.add(new String[] {parameter.paramLabel(), description(parameter)});
            }
        }
        if (!options.isEmpty()) {
            text.append('\n').append(messages.get("help.label.options")).append('\n').append(columns(options));
        }
        Map<String, CommandLine> subcommands = spec.subcommands();
        if (!subcommands.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            subcommands.forEach((name, sub) -> {
                if (sub.getCommandName().equals(name)) {
                    rows.add(new String[] {name, messages.get(keyBase(sub.getCommandSpec()) + ".summary")});
                }
            });
            text.append('\n').append(messages.get("help.label.subcommands")).append('\n').append(columns(rows));
        }
        text.append('\n').append(messages.get("help.label.examples")).append('\n');
        messages.get(base + ".examples").lines().forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }

    private String description(ArgSpec arg) {
        String key = arg.descriptionKey();
        return key == null || key.isEmpty() ? "" : messages.get(key);
    }

    private String synopsis(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        spec.usageMessage().synopsisSubcommandLabel(messages.get("help.label.subcommand"));
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip();
        return synopsis;
    }

    static String columns(List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            text.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 3)).append(row[1]).append('\n');
        }
        return text.toString();
    }
}
