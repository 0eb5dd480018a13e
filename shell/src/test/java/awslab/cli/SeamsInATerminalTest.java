package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.ui.LineWrapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a student sees and types, in a real terminal (tmux) with the sandbox as the cloud: Ctrl-C
 * at every kind of wait, text that fits the terminal, Tab completion of instances, groups and
 * lessons, a demo nobody attends. French first (LANG names a locale this machine lacks), English
 * where the words differ.
 */
class SeamsInATerminalTest {
    /** What a student must never read. */
    private static final List<String> NEVER = List.of("Erreur inattendue", "Unexpected error", "bogue d’awslab",
            "Exception", "interrupted while waiting", "\tat ");
    private static final Duration LONG = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void ctrlCStopsEveryWaitWithOneLineThatSaysWhatStateThingsAreIn() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, 120, Map.of("LANG", "fr_FR.UTF-8"))) {
            shell.awaitScreen("awslab [fr|sandbox]>");
            run(shell, "fleet create", "Attente de 2 cibles saines");
            shell.keys("C-c");
            shell.awaitScreen("fleet create interrompu : ce qui est déjà créé reste en place. Relancez fleet create");

            run(shell, "fleet create", "Après", LONG);
            run(shell, "burn-cpu --minutes 2", "moyenne du groupe", LONG);
            shell.keys("C-c");
            String stopped = shell.awaitScreen("Boucle arrêtée sur i-");
            assertTrue(stopped.contains("le groupe se réduira de lui-même"), stopped);

            run(shell, "cleanup", "[o/N]");
            shell.keys("C-c");
            String refused = shell.awaitScreen("Rien n’a été supprimé.");
            assertTrue(refused.contains("[o/N] non (Ctrl-C)") || refused.contains("non (Ctrl-C)"), refused);

            run(shell, "connect", "Collez le bloc AWS CLI");
            shell.keys("C-c");
            shell.awaitScreen("connect annulé : vos identifiants et votre cible n’ont pas changé.");

            run(shell, "fleet watch", "suivi de ses changements (Ctrl-C arrête)");
            shell.keys("C-c");
            shell.awaitScreen("Suivi arrêté : le groupe continue sans vous");

            // Twice, quickly: the shell stays, its state files whole.
            shell.type("fleet delete --yes").keys("Enter");
            Thread.sleep(1500);
            shell.keys("C-c", "C-c");
            String twice = shell.awaitScreen("fleet delete interrompu");
            run(shell, "progress 2", "Leçon 2");
            assertTrue(shell.running(), "the shell is still there");
            assertFalse(shell.screen().contains("illisible"), "no state file was left half-written");
            run(shell, "fleet delete --yes", "Flotte supprimée", LONG);
            String screen = shell.screen();
            NEVER.forEach(bad -> assertFalse(screen.contains(bad), bad + " on the screen:\n" + screen));
            assertFalse(twice.contains("^C"), "Ctrl-C is not echoed into the line that follows");
            shell.exit();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void inEnglishTooAWaitStopsWithItsOwnLine() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, 100, Map.of("LANG", "C"))) {
            shell.awaitScreen("awslab [en|sandbox]>");
            run(shell, "launch", "pending");
            shell.keys("C-c");
            String said = shell.awaitScreen("stopped");
            assertTrue(said.contains("Wait stopped: instance i-") || said.contains("launch stopped: if the instance"), said);
            run(shell, "instances", "Instances running in this region");
            String screen = shell.screen();
            NEVER.forEach(bad -> assertFalse(screen.contains(bad), bad + " on the screen:\n" + screen));
            shell.exit();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void textFitsEightyColumnsTabCompletesAndBackgroundLinesStayAboveThePrompt() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, 80, Map.of("LANG", "fr_FR.UTF-8"))) {
            // Typed at once, while the sandbox starts: its lines must not land in the prompt's line.
            shell.awaitScreen("awslab [fr|sandbox]>");
            shell.type("help").keys("Enter");
            run(shell, "launch", "Paire de clés : vockey ; clé privée", LONG);
            run(shell, "launch --name deuxieme", "Paire de clés : vockey ; clé privée", LONG);

            shell.type("stop ");
            shell.keys("Tab");
            Thread.sleep(1500);
            shell.keys("Tab");
            shell.awaitScreen("ma-premiere-instance");
            shell.awaitScreen("deuxieme");
            shell.keys("C-u");
            shell.type("stop deux");
            shell.keys("Tab");
            shell.awaitScreen("stop deuxieme");
            shell.keys("C-u");
            shell.type("lesson 01-pre");
            shell.keys("Tab");
            shell.awaitScreen("lesson 01-premiere-instance");
            shell.keys("C-u");

            run(shell, "instances", "Instances en marche dans cette région");
            run(shell, "status deuxieme", "répond (4 tâches)");
            run(shell, "lesson 1", "▶ Tapez : ");
            run(shell, "hint", "Ce qui sera vérifié : que l’instance du TP soit en cours d’exécution (running)");
            run(shell, "terminate deuxieme --yes", "L’instance i-");
            String screen = shell.screen();
            assertTrue(screen.contains("est résiliée (terminated)."), screen);
            assertTrue(screen.contains("0,16 $/h"), "a number stays with its unit: " + screen);
            for (String line : screen.split("\n")) {
                // The test's classpath holds two logging bindings (the shell's jar has one): SLF4J says so on
                // stderr, from whichever thread logs first — sometimes while a line is being typed.
                line = line.replaceFirst("SLF4J\\(.*$", "");
                assertTrue(LineWrapper.width(line) <= 80, "a line the terminal had to fold (" + LineWrapper.width(line) + "): " + line);
                if (line.startsWith("awslab [fr|sandbox]> ")) {
                    String typed = line.substring("awslab [fr|sandbox]> ".length()).strip();
                    assertTrue(typed.isEmpty() || Set.of("help", "launch", "launch --name deuxieme", "instances",
                            "status deuxieme", "lesson 1", "hint", "terminate deuxieme --yes", "exit").contains(typed),
                            "something else in the prompt's line: " + line);
                }
            }
            assertFalse(Pattern.compile("\\{\\d|''|!msg\\.").matcher(screen).find(), screen);
            NEVER.forEach(bad -> assertFalse(screen.contains(bad), bad + " on the screen:\n" + screen));
            shell.exit();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aDemoPlaysAWholeLessonWithNobodyAtTheKeyboard() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, 100, Map.of("LANG", "fr_FR.UTF-8"))) {
            shell.awaitScreen("awslab [fr|sandbox]>");
            run(shell, "explain on", "Explications activées");
            shell.type("demo 1 --auto 0").keys("Enter");
            String screen = shell.awaitScreen("Fin de la démo : Ma première instance EC2", Duration.ofMinutes(7));
            screen = shell.awaitScreen("awslab> cleanup --yes", LONG);
            screen = shell.awaitScreen(" supprimée", LONG);
            shell.awaitCount("awslab [fr|sandbox]>", 3, Duration.ofSeconds(30));
            String demo = screen.substring(screen.indexOf("demo 1 --auto 0"));
            assertTrue(demo.contains("Pendant la démo, les commandes AWS CLI et appels du SDK Java équivalents sont masqués"), demo);
            // explain's lines are indented; sandbox status's own AWS CLI line (aws --endpoint-url …) is not explain's
            assertFalse(demo.contains("    AWS CLI : aws "), "explain on stays out of the demo");
            assertTrue(demo.contains("awslab> ssh -- \"whoami; hostname; uname -sr\""), "SSH runs a visible command: " + demo);
            assertTrue(demo.contains("[o/N] oui (démo automatique)"), "questions answered yes, visibly: " + demo);
            assertTrue(demo.contains("awslab> cleanup --yes"), demo);
            assertEquals(-1, demo.indexOf("✘"), "every checkpoint passes: " + demo);
            NEVER.forEach(bad -> assertFalse(demo.contains(bad), bad + " on the screen:\n" + demo));
            run(shell, "explain", "Explications activées"); // the user's own setting is as it was
            shell.exit();
        }
        assertTrue(Files.exists(dir.resolve("home").resolve("settings.properties")));
    }

    /** Types {@code command} and waits for {@code expected} to show up once more than before. */
    private static void run(TmuxShell shell, String command, String expected) throws Exception {
        run(shell, command, expected, Duration.ofSeconds(90));
    }

    private static void run(TmuxShell shell, String command, String expected, Duration wait) throws Exception {
        int before = count(shell.screen(), expected);
        shell.type(command).keys("Enter");
        shell.awaitCount(expected, before + 1, wait);
    }

    private static int count(String screen, String text) {
        return screen.split(Pattern.quote(text), -1).length - 1;
    }
}
