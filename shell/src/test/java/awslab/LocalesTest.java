package awslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.logging.Background;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell under every locale a laptop may have: LANG unset, C, POSIX, a French locale the
 * machine lacks, LC_ALL over LANG. Each case is a JVM of its own, since the JVM reads the locale
 * once at start (and cannot name accented paths when it is not UTF-8).
 */
class LocalesTest {
    @TempDir
    Path home;

    record Run(int code, String out) {}

    private Run awslab(Map<String, String> locale, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath(), "awslab.Main"));
        command.addAll(List.of(args));
        return start(command, locale);
    }

    private Run start(List<String> command, Map<String, String> locale) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWSLAB_HOME", home.resolve("state").toString());
        env.putAll(locale);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no end within 60 s: " + out);
        }
        return new Run(process.exitValue(), out);
    }

    @Test
    void theLanguageComesFromTheVariablesReadAsTextWhateverTheMachineHas() throws Exception {
        Map<Map<String, String>, Language> cases = new LinkedHashMap<>();
        cases.put(Map.of(), Language.EN);
        cases.put(Map.of("LANG", "C"), Language.EN);
        cases.put(Map.of("LANG", "POSIX"), Language.EN);
        cases.put(Map.of("LANG", "fr_FR.UTF-8"), Language.FR); // not installed here: the JVM says "en"
        cases.put(Map.of("LANG", "fr_FR.ISO-8859-1"), Language.FR);
        cases.put(Map.of("LANG", "en_US.UTF-8", "LC_MESSAGES", "fr_CA.UTF-8"), Language.FR);
        cases.put(Map.of("LANG", "fr_FR.UTF-8", "LC_ALL", "C.UTF-8"), Language.EN);
        cases.put(Map.of("LANG", "de_DE.UTF-8"), Language.EN);
        for (Map.Entry<Map<String, String>, Language> c : cases.entrySet()) {
            Run help = awslab(c.getKey(), "help");
            assertEquals(0, help.code(), c.getKey() + ": " + help.out());
            String expected = c.getValue() == Language.FR ? "Partie 1 — une instance EC2" : "Part 1 — one EC2 instance";
            assertTrue(help.out().contains(expected), c.getKey() + " should speak " + c.getValue() + ": " + help.out());
            assertFalse(help.out().contains("Exception"), help.out());
        }
    }

    @Test
    void theLanguageOptionThenTheSavedChoiceComeFirst() throws Exception {
        assertTrue(awslab(Map.of("LANG", "fr_FR.UTF-8"), "--lang", "en", "help").out().contains("Part 1"));
        awslab(Map.of("LANG", "C"), "lang", "fr");
        assertTrue(awslab(Map.of("LANG", "C"), "help").out().contains("Partie 1"), "the saved choice beats LANG");
    }

    @Test
    void anAccentedFolderIsSkippedWithAMessageWhereJavaCannotNameIt() throws Exception {
        Path downloads = Files.createDirectories(home.resolve("Téléchargements"));
        Files.writeString(downloads.resolve("labsuser.pem"), "-----BEGIN RSA PRIVATE KEY-----\n");
        Path work = Files.createDirectories(home.resolve("work"));
        List<String> probe = List.of(java(), "-cp", classpath(), "awslab.ssh.KeyLocatorProbe", work.toString(),
                home.toString(), home.resolve("state").toString());
        for (String lang : List.of("", "C", "POSIX", "fr_FR.UTF-8")) {
            Run c = start(probe, lang.isEmpty() ? Map.of() : Map.of("LANG", lang));
            assertTrue(c.out().contains("Pas examiné : " + home + "/Téléchargements"), "LANG=" + lang + ": " + c.out());
            assertTrue(c.out().contains("LANG=C.UTF-8"), "says how to fix it: " + c.out());
            assertFalse(c.out().contains("Exception"), c.out());
        }
        Run utf8 = start(probe, Map.of("LANG", "C.UTF-8"));
        assertTrue(utf8.out().contains("found " + downloads.resolve("labsuser.pem")), "a UTF-8 JVM finds it: " + utf8.out());
    }

    @Test
    void oneShotRunsSuggestACommandLikeTheRepl() throws Exception {
        Run fr = awslab(Map.of("LANG", "fr_FR.UTF-8"), "lanch");
        assertEquals(2, fr.code());
        assertTrue(fr.out().contains("Commande inconnue : lanch. Vouliez-vous dire launch ?"), fr.out());
        Run en = awslab(Map.of("LANG", "C"), "stauts");
        assertTrue(en.out().contains("Unknown command: stauts. Did you mean status?"), en.out());
    }

    @Test
    void aDamagedProgressFileIsNamedToTheUserInTheirLanguage() throws Exception {
        Path state = Files.createDirectories(home.resolve("state"));
        Files.writeString(state.resolve("progress.json"), "{ not json");
        Run fr = awslab(Map.of("LANG", "fr_FR.UTF-8"), "progress");
        assertTrue(fr.out().contains("Le fichier " + state.resolve("progress.json") + " est illisible"), fr.out());
        assertTrue(fr.out().contains("Votre progression dans les leçons repart de zéro"), fr.out());
        try (var kept = Files.list(state)) {
            assertTrue(kept.anyMatch(p -> p.getFileName().toString().startsWith("progress.json.damaged-")), "set aside, not deleted");
        }
        Files.writeString(state.resolve("progress.json"), "[");
        Run en = awslab(Map.of("LANG", "en_GB.UTF-8"), "progress");
        assertTrue(en.out().contains("progress.json could not be read: it is kept, untouched"), en.out());
    }

    /**
     * At a real prompt (a terminal: {@code script} gives one) with LANG unset, what is typed and
     * what shows stay UTF-8: Java 19+ sets stdin.encoding and stdout.encoding to ASCII there, and
     * the line editor would take them ("café" read as five characters).
     */
    @Test
    void aTerminalWithoutLocaleReadsAndShowsAccents() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assertTrue(Files.isExecutable(script), "this test needs script(1) for a terminal: apt-get install bsdutils");
        String shell = String.join(" ", java(), "-cp", classpath(), "awslab.Main", "--lang", "fr",
                "--endpoint-url", "http://127.0.0.1:9"); // an emulator nobody answers at: no sandbox, no traffic
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qfec", shell, "/dev/null").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("AWS_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AWSLAB_HOME", home.resolve("state").toString());
        Process process = builder.start();
        StringBuilder screen = new StringBuilder();
        Thread reader = Background.start("screen", () -> {
            try (var in = new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                char[] buffer = new char[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (screen) {
                        screen.append(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the terminal closed: what came is in screen
            }
        });
        try {
            var keyboard = process.getOutputStream();
            keyboard.write("\"café\".length()\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            waitFor(screen, "==> ", process);
            keyboard.write("exit\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no end within 60 s: " + screen);
        } finally {
            process.destroyForcibly();
            reader.join(10_000);
        }
        String shown;
        synchronized (screen) {
            shown = screen.toString();
        }
        assertTrue(shown.contains("$1 ==> 4"), "café is four characters: " + shown);
        assertTrue(shown.contains("Au revoir."), shown);
        // French puts a space before "?": one right after a letter is an accent lost ("caf?", "d?acc?s")
        assertFalse(java.util.regex.Pattern.compile("\\p{L}\\?").matcher(shown).find(), "no character lost on its way to the screen: " + shown);
    }

    /** Waits (60 s at most) until the screen shows {@code text}. */
    private static void waitFor(StringBuilder screen, String text, Process process) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            synchronized (screen) {
                if (screen.indexOf(text) >= 0) {
                    return;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" on the screen: " + screen);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
