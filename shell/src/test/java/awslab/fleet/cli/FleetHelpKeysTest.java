package awslab.fleet.cli;

import awslab.fleet.FleetWiring;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every fleet command, option and parameter has its help texts, in both languages. */
class FleetHelpKeysTest {

    @Test
    void everyCommandOptionAndParameterHasItsHelpKeysInBothLanguages() {
        List<String> missing = new ArrayList<>();
        List<CommandSpec> commands = new ArrayList<>();
        CommandLine fleet = new CommandLine(new FleetCommand(FleetWiring.defaults()));
        commands.add(fleet.getCommandSpec());
        fleet.getSubcommands().values().forEach(c -> commands.add(c.getCommandSpec()));
        commands.add(new CommandLine(new BurnCpuCommand(FleetWiring.defaults())).getCommandSpec());
        for (Language language : Language.values()) {
            Messages messages = Messages.load(language);
            for (CommandSpec command : commands) {
                String path = command.qualifiedName(".");
                for (String part : List.of("summary", "description", "examples")) {
                    require(messages, "help." + path + "." + part, missing);
                }
                List<ArgSpec> args = new ArrayList<>(command.options());
                args.addAll(command.positionalParameters());
                for (ArgSpec arg : args) {
                    if (arg.descriptionKey() == null || arg.descriptionKey().isEmpty()) {
                        missing.add(path + " " + arg + " has no descriptionKey");
                    } else {
                        require(messages, arg.descriptionKey(), missing);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), missing.toString());
    }

    private static void require(Messages messages, String key, List<String> missing) {
        if (!messages.has(key)) {
            missing.add(messages.language().code() + ": " + key);
        }
    }
}
