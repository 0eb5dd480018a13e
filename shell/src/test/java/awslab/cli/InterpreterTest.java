package awslab.cli;

import awslab.api.LineSplitter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.target.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule that sends a line to a command, to JShell, or back with a suggestion. */
class InterpreterTest {
    @TempDir
    Path stateDir;

    static final Object[][] TABLE = {
        {"help", Interpreter.Kind.COMMAND},
        {"  status  ", Interpreter.Kind.COMMAND},
        {"connect --profile default", Interpreter.Kind.COMMAND},
        {"help = 3", Interpreter.Kind.JAVA},
        {"status.length()", Interpreter.Kind.JAVA},
        {"hlep", Interpreter.Kind.TYPO},
        {"stat", Interpreter.Kind.TYPO},
        {"burn-cpux --minutes 3", Interpreter.Kind.TYPO},
        {"long n", Interpreter.Kind.JAVA},
        {"int x = 3", Interpreter.Kind.JAVA},
        {"ec2.describeInstances()", Interpreter.Kind.JAVA},
        {"hello()", Interpreter.Kind.JAVA},
        {"x", Interpreter.Kind.JAVA},
        {"System.out.println(\"help\")", Interpreter.Kind.JAVA},
        {"/vars", Interpreter.Kind.META},
        {"// a comment", Interpreter.Kind.JAVA},
        {"/* a comment */ 1", Interpreter.Kind.JAVA},
        {"[default]", Interpreter.Kind.CREDENTIALS},
        {"export AWS_SECRET_ACCESS_KEY=abc", Interpreter.Kind.CREDENTIALS},
        {"aws_session_token = abc", Interpreter.Kind.CREDENTIALS},
        {"", Interpreter.Kind.EMPTY},
    };

    @Test
    void linesAreClassifiedByTheRule() {
        Interpreter interpreter = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, Language.EN).interpreter();
        for (Object[] row : TABLE) {
            assertEquals(row[1], interpreter.classify((String) row[0]), (String) row[0]);
        }
    }

    @Test
    void aJavaNameCloseToACommandStaysJava() {
        ShellFixture shell = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, Language.EN);
        shell.run("int stat = 1;");
        assertEquals(Interpreter.Kind.JAVA, shell.interpreter().classify("stat"));
    }

    @Test
    void closestCommandAndWordSplitting() {
        Commands commands = ShellFixture.on(Target.sandbox("us-east-1"), stateDir, Language.EN).wiring().commands();
        assertEquals(Optional.of("status"), commands.closest("stauts"));
        assertEquals(Optional.of("help"), commands.closest("hepl"));
        assertEquals(Optional.empty(), commands.closest("zzzzzz"));
        assertEquals(List.of("connect", "--from", "C:\\Users\\me\\lab creds.txt"),
                LineSplitter.split("connect --from \"C:\\Users\\me\\lab creds.txt\""));
        assertEquals(List.of("a", "it's"), LineSplitter.split("a \"it's\""));
        assertThrows(UserException.class, () -> LineSplitter.split("lang 'fr"));
    }
}
