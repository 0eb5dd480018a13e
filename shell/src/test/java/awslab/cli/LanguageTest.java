package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** Every registered command (and subcommand) has its help in both languages; picocli's English never shows. */
class LanguageTest {
    /** picocli's own English texts, which must never reach a user. */
    static final List<String> PICOCLI_ENGLISH = List.of("Unknown option", "Missing required",
            "Unmatched argument", "Invalid value for", "Expected parameter", "Show this help message",
            "Print version information");

    @TempDir
    Path stateDir;

    @Test
    void everyCommandHasHelpInFrenchAndEnglish() {
        for (Language language : Language.values()) {
            ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, language);
            Messages messages = shell.session().messages();
            CommandRunner runner = shell.interpreter().runner();
            for (Class<?> type : shell.wiring().commands().all()) {
                for (CommandLine command : withSubcommands(runner.commandLine(type))) {
                    String base = HelpRenderer.keyBase(command.getCommandSpec());
                    for (String part : List.of(".summary", ".description", ".examples")) {
                        assertTrue(messages.has(base + part), base + part + " in " + language);
                    }
                    List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().args());
                    for (ArgSpec arg : args) {
                        assertTrue(arg.descriptionKey() != null && messages.has(arg.descriptionKey()),
                                base + ": an option or parameter without help in " + language + ": " + arg);
                    }
                    String help = new HelpRenderer(messages).command(command);
                    PICOCLI_ENGLISH.forEach(english -> assertFalse(help.contains(english), help));
                    assertFalse(help.contains("!help."), help);
                }
            }
        }
    }

    @Test
    void helpListsEveryGroupWithItsCommands() {
        ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, Language.FR);
        String overview = shell.run("help");
        for (Class<?> type : shell.wiring().commands().all()) {
            assertTrue(overview.contains(Commands.name(type)), overview);
        }
        assertTrue(overview.contains("Le shell"), overview);
        assertFalse(overview.contains("!"), "no missing key: " + overview);
    }

    @Test
    void badOptionsInFrenchLeakNoEnglish() {
        ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, Language.FR);
        String[][] table = {
            {"status --bogus", "Option --bogus inconnue pour status."},
            {"lang fr en", "Argument(s) inattendu(s) pour lang : en"},
            {"connect --profile", "Il manque pour connect : --profile"},
            {"connect --profile a --profile b", "L’option --profile de connect est donnée deux fois."},
            {"help nosuch", "Commande inconnue : nosuch."},
            {"lang de", "Langue inconnue « de »"},
        };
        for (String[] row : table) {
            String out = shell.run(row[0]);
            assertTrue(out.contains(row[1]), row[0] + " → " + out);
            PICOCLI_ENGLISH.forEach(english -> assertFalse(out.contains(english), row[0] + " → " + out));
        }
    }

    private static List<CommandLine> withSubcommands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
        return all;
    }
}
