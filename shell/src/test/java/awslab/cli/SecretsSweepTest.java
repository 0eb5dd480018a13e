package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets sweep: a Learner Lab credentials block is given to the shell in a real terminal in
 * every way a terminal delivers it — pasted at the prompt (bracketed, and line by line), pasted
 * at {@code connect} at once after Enter and at its prompt, typed fast and typed key by key —
 * then the screen and its scrollback, the history, every file in the state directory but the
 * credentials file, the logs, and the arguments and environment of the shell and its children
 * are searched for the secret values. They are in the credentials file only, readable by its
 * owner only, in a folder readable by its owner only.
 */
class SecretsSweepTest {
    static final String PROMPT = "awslab [en|endpoint]>";

    @TempDir
    Path dir;

    /** Fake credentials shaped like Learner Lab's: an ASIA key id, a 40-character secret, a long token. */
    record Secrets(String keyId, String secret, String token) {
        static Secrets make(long seed) {
            Random random = new Random(seed);
            return new Secrets("ASIA" + draw(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                    draw(random, BASE64, 18) + "/" + draw(random, BASE64, 10) + "+" + draw(random, BASE64, 10),
                    "IQoJb3JpZ2luX2VjE" + draw(random, BASE64, 700) + "==");
        }

        List<String> values() {
            return List.of(keyId, secret, token, token.substring(300, 340));
        }

        String block() {
            return "[default]\naws_access_key_id=" + keyId + "\naws_secret_access_key=" + secret
                    + "\naws_session_token=" + token + "\n";
        }
    }

    static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static String draw(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Test
    void everyWayOfPastingKeepsTheSecretsInTheCredentialsFileOnly() throws Exception {
        String moto = MotoServer.get().endpoint().toString();
        List<Secrets> given = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (TmuxShell shell = TmuxShell.start(dir, Map.of(), "--lang", "en", "--endpoint-url", moto)) {
            shell.awaitScreen(PROMPT);
            int refused = 0;
            int connected = 0;

            // Pasted at the prompt, bracketed (JLine asks for it there): one buffer of four lines.
            Secrets s1 = next(given);
            shell.paste(s1.block(), true).keys("Enter");
            shell.awaitScreen("This looks like AWS credentials");
            refused = shell.awaitCount("This looks like AWS credentials", refused + 1);

            // Pasted at the prompt, not bracketed: four lines, each one Enter.
            Secrets s2 = next(given);
            shell.paste(s2.block(), false);
            refused = shell.awaitCount("This looks like AWS credentials", refused + 4);

            // Typed fast at the prompt, line by line.
            Secrets s3 = next(given);
            for (String line : s3.block().split("\n")) {
                shell.type(line).keys("Enter");
            }
            refused = shell.awaitCount("This looks like AWS credentials", refused + 4);

            // Typed key by key at the prompt (the secret line).
            Secrets s4 = next(given);
            for (char c : ("aws_secret_access_key=" + s4.secret()).toCharArray()) {
                shell.type(String.valueOf(c));
            }
            shell.keys("Enter");
            refused = shell.awaitCount("This looks like AWS credentials", refused + 1);

            // connect, and the block pasted at once, before the paste prompt shows.
            Secrets s5 = next(given);
            shell.type("connect").keys("Enter");
            shell.paste(s5.block(), false).keys("Enter");
            connected = shell.awaitCount("Connected: account 123456789012", connected + 1);

            // connect, then a bracketed paste at its prompt.
            Secrets s6 = next(given);
            shell.type("connect").keys("Enter");
            shell.awaitScreen("Nothing is shown while you paste.");
            Thread.sleep(300);
            shell.paste(s6.block(), true).keys("Enter");
            connected = shell.awaitCount("Connected: account 123456789012", connected + 1);

            // connect, then typed key by key at its prompt.
            Secrets s7 = next(given);
            shell.type("connect").keys("Enter");
            Thread.sleep(500);
            for (String line : s7.block().split("\n")) {
                for (int i = 0; i < line.length(); i += 7) {
                    shell.type(line.substring(i, Math.min(line.length(), i + 7)));
                }
                shell.keys("Enter");
            }
            connected = shell.awaitCount("Connected: account 123456789012", connected + 1);

            // Java that tries to print them back.
            shell.type("System.getenv().toString().contains(\"" + s7.keyId().substring(0, 8) + "\")").keys("Enter");
            shell.awaitScreen("==> false");

            // The shell and its children, while they run: arguments and environment.
            List<ProcessHandle> processes = new ArrayList<>();
            processes.add(shell.process());
            shell.process().descendants().forEach(processes::add);
            for (ProcessHandle process : processes) {
                for (String file : List.of("cmdline", "environ")) {
                    sweep("/proc/" + process.pid() + "/" + file,
                            Files.readString(Path.of("/proc", Long.toString(process.pid()), file), StandardCharsets.ISO_8859_1),
                            given, found);
                }
            }
            shell.exit();
            sweep("the screen and its scrollback", shell.screen(), given, found);
            assertEquals(10, refused, "each block pasted or typed at the prompt refused, line by line when not bracketed");
        }

        Path home = dir.resolve("home");
        Path credentials = home.resolve("credentials");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(credentials)).toList()) {
                sweep(home.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1), given, found);
            }
        }
        assertTrue(found.isEmpty(), "secrets found outside the credentials file: " + found);
        String kept = Files.readString(credentials);
        assertTrue(kept.contains(given.get(given.size() - 1).secret()), "the last credentials are the ones kept");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("history"))));
        assertTrue(Files.readString(home.resolve("history")).contains("connect"), "the history is kept");
    }

    private static Secrets next(List<Secrets> given) {
        Secrets secrets = Secrets.make(1_000 + given.size());
        given.add(secrets);
        return secrets;
    }

    private static void sweep(String where, String text, List<Secrets> given, List<String> found) {
        for (Secrets secrets : given) {
            for (String value : secrets.values()) {
                if (text.contains(value)) {
                    found.add(where + " holds " + value.substring(0, 6) + "…");
                }
            }
        }
    }

}
