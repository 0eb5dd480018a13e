package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.logging.LogBook;
import awslab.logging.Logs;
import awslab.target.Target;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} tells the student when something failed behind the prompt, and which file says why. */
class BackgroundStatusTest {
    @TempDir
    Path state;

    @AfterEach
    void restoreTheJdkDefaults() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void saysNothingWhenAllWentWellThenCountsAndNamesTheLog() {
        for (Language language : Language.values()) {
            ShellFixture shell = ShellFixture.on(Target.endpoint(URI.create("http://127.0.0.1:9"), "us-east-1"),
                    state.resolve(language.name()), language);
            LogBook logs = Logs.start(state.resolve(language.name()), "awslab", false, new ByteArrayOutputStream());
            BackgroundStatus section = new BackgroundStatus(shell.session(), logs);

            section.render(shell.session());
            assertEquals("", shell.output(), "no line when nothing failed");

            System.getLogger("awslab.sandbox.AutoScaling").log(System.Logger.Level.WARNING, "reconcile failed");
            System.getLogger("awslab.sandbox.AutoScaling").log(System.Logger.Level.WARNING, "reconcile failed again");
            section.render(shell.session());
            String shown = shell.output();
            assertTrue(shown.contains("2 "), shown);
            assertTrue(shown.contains(logs.file().toString()), "names the file to read: " + shown);
            assertTrue(shown.contains(language == Language.FR ? "problèmes en arrière-plan" : "problems in the background"), shown);
        }
    }
}
