package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.target.Target;
import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL on a dumb terminal over pipes: a table of typed lines and what the screen must show. */
class ReplTest {
    @TempDir
    Path stateDir;

    /** Typed line → text that must appear (in order) before the next prompt. */
    static final String[][] TABLE = {
        {"help", "The shell"},
        {"help connect", "connect --profile default"},
        {"status --help", "Usage: status"},
        {"hlep", "Unknown command: hlep. Did you mean help?"},
        {"stauts", "Did you mean status?"},
        {"burn-cpux", "Unknown command: burn-cpux"},
        {"status --bogus", "Unknown option --bogus for status."},
        {"lang \"fr", "Unbalanced quote \""},
        {"lang " + "x".repeat(150_000), "This line is too long"},
        {"int x = ;", "Java error:"},
        {"Integer.parseInt(\"nope\")", "Exception java.lang.NumberFormatException: For input string: \"nope\""},
        {"throw new IllegalStateException(\"boom\");", "Exception java.lang.IllegalStateException: boom"},
        {"System.exit(2);", "ends the snippet, not the shell"},
        {"int stat = 7;", "stat ==> 7"},
        {"stat", "stat ==> 7"},
        {"long big = 5", "big ==> 5"},
        {"status", "Account: 123456789012"},
        {"[default]", "This looks like AWS credentials"},
        {"aws_secret_access_key=abcdEFGH", "This looks like AWS credentials"},
    };

    @Test
    void eachLineGetsAClearAnswerAndTheShellKeepsRunning() throws Exception {
        MotoServer moto = MotoServer.get();
        try (ReplDriver repl = ReplDriver.start(Target.endpoint(moto.endpoint(), "us-east-1"), stateDir, Language.EN)) {
            repl.await("awslab [en|endpoint]> ");
            for (String[] row : TABLE) {
                String shown = repl.type(row[0]).await(row[1]);
                assertFalse(shown.contains("\tat "), "no stack trace for " + row[0] + ":\n" + shown);
                assertFalse(shown.contains("Exception in thread"), shown);
                repl.await("awslab [en|endpoint]> ");
            }
            // Continuation of incomplete Java, on JShell's own analysis.
            repl.type("int twice(int n) {").await("...> ");
            repl.type("  return 2 * n;").await("...> ");
            repl.type("}").await("created method twice(int)");
            repl.type("twice(21)").await("==> 42");
            // What Ctrl-C does (a dumb terminal over pipes reads no key while a snippet runs, so the
            // key itself is pressed in the tmux test): stop the running snippet, back to the prompt.
            repl.type("while (true) { }");
            Thread.sleep(1500);
            repl.interpreter().interrupt();
            repl.await("Snippet stopped.");
            repl.type("1 + 1").await("==> 2");
            // Switching the language takes effect at once.
            repl.type("lang fr").await("Le shell parle désormais français.");
            repl.await("awslab [fr|endpoint]> ");
            repl.type("hlep").await("Commande inconnue : hlep. Vouliez-vous dire help ?");
            repl.type("exit").await("Au revoir.");
            assertEquals(0, repl.awaitExit());
        }
        String history = Files.readString(stateDir.resolve("history"));
        assertTrue(history.contains("hlep"), "typed lines are kept");
        assertFalse(history.contains("aws_secret_access_key"), "secrets never reach the history");
        assertFalse(history.contains("x".repeat(5000)), "huge lines are not kept");
        assertTrue(Files.readString(stateDir.resolve("settings.properties")).contains("language=fr"));
    }

    @Test
    void pastedCredentialsAreNeverEchoedNorKeptInHistory() throws Exception {
        MotoServer moto = MotoServer.get();
        try (ReplDriver repl = ReplDriver.start(Target.endpoint(moto.endpoint(), "us-east-1"), stateDir, Language.EN)) {
            repl.await("awslab [en|endpoint]> ");
            repl.type("connect").await("Nothing is shown while you paste.");
            repl.type("[default]").type("aws_access_key_id=ASIAPASTEDKEY9876").type("aws_secret_access_key=PastedSecret/xyz")
                    .type("aws_session_token=PastedTokenValue==");
            String shown = repl.await("Connected: account 123456789012, region us-east-1");
            assertFalse(shown.contains("PastedSecret") || shown.contains("PastedTokenValue"), shown);
            repl.type("exit").await("Bye.");
            assertEquals(0, repl.awaitExit());
        }
        String history = Files.readString(stateDir.resolve("history"));
        assertTrue(history.contains("connect"));
        assertFalse(history.contains("Pasted"), "the pasted block never reaches the history");
    }

    @Test
    void endOfInputQuitsLikeCtrlD() throws Exception {
        try (ReplDriver repl = ReplDriver.start(Target.sandbox("us-east-1"), stateDir, Language.EN)) {
            String banner = repl.await("awslab [en|sandbox]> ");
            assertTrue(banner.contains("the local sandbox is not available yet"), banner);
            assertTrue(banner.contains("type connect"), banner);
            repl.type("status").await("To work on AWS: type connect");
            repl.endInput();
            assertEquals(0, repl.awaitExit());
        }
    }

    @Test
    void tabCompletesCommandsOptionsAndJava() throws Exception {
        MotoServer moto = MotoServer.get();
        try (ReplDriver repl = ReplDriver.start(Target.endpoint(moto.endpoint(), "us-east-1"), stateDir, Language.EN)) {
            repl.await("awslab [en|endpoint]> ");
            assertTrue(complete(repl, "sta").contains("status"));
            assertTrue(complete(repl, "connect --pr").contains("--profile"));
            assertTrue(complete(repl, "/va").contains("/vars"));
            List<String> java = complete(repl, "ec2.describeIn");
            assertTrue(java.contains("ec2.describeInstances("), java.toString());
            repl.type("exit").await("Bye.");
        }
    }

    private static List<String> complete(ReplDriver repl, String line) {
        var reader = repl.repl().reader();
        List<Candidate> candidates = new ArrayList<>();
        ((org.jline.reader.impl.LineReaderImpl) reader).getCompleter().complete(reader, reader.getParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
