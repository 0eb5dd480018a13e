package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ended, froze or flooded the shell in a real terminal, driven the way it was found (tmux):
 * keys (Ctrl-\, Ctrl-X Ctrl-E, Ctrl-C on a loop that swallows it), Java that closes the standard
 * streams, and very long lines typed key by key. No AWS call is made: the endpoint is never
 * contacted.
 */
class TerminalSafetyTest {
    static final String PROMPT = "awslab [en|endpoint]>";

    @TempDir
    Path dir;

    @Test
    void keysThatDumpedThreadsOrTrappedTheStudentDoNothing() throws Exception {
        Path editor = dir.resolve("editor.sh");
        Path opened = dir.resolve("editor-opened");
        Files.writeString(editor, "#!/bin/sh\ntouch '" + opened + "'\nsleep 600\n");
        editor.toFile().setExecutable(true);
        try (TmuxShell shell = TmuxShell.start(dir, Map.of("EDITOR", editor.toString(), "VISUAL", editor.toString()),
                "--lang", "en", "--endpoint-url", "http://127.0.0.1:9")) {
            shell.awaitScreen(PROMPT);
            shell.keys("C-\\");
            shell.keys("C-x", "C-e");
            shell.type("1 + 41").keys("Enter");
            shell.awaitScreen("==> 42");
            // Ctrl-\ while a command runs, too.
            shell.type("Thread.sleep(1000)").keys("Enter");
            Thread.sleep(300);
            shell.keys("C-\\");
            shell.type("2 + 40").keys("Enter");
            assertEquals(2, shell.awaitCount("==> 42", 2), "the line typed meanwhile ran: " + shell.screen());
            assertFalse(shell.screen().contains("Full thread dump"), shell.screen());
            assertFalse(Files.exists(opened), "no editor was opened");
            shell.exit();
        }
    }

    @Test
    void javaThatClosesStreamsOrSwallowsCtrlCLeavesTheShellWorking() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, Map.of(), "--lang", "en", "--endpoint-url", "http://127.0.0.1:9")) {
            shell.awaitScreen(PROMPT);
            shell.type("System.in.close();").keys("Enter");
            shell.type("System.out.close(); System.err.close();").keys("Enter");
            shell.type("\"still\" + \" here\"").keys("Enter");
            shell.awaitScreen("==> \"still here\"");
            shell.type("while (true) { try { Thread.sleep(20); } catch (Throwable e) { } }").keys("Enter");
            Thread.sleep(1500);
            shell.keys("C-c");
            shell.awaitScreen("Snippet stopped.");
            // Library code that swallows every stop: after Ctrl-C and a grace time, its session is set aside.
            shell.type("awslab.testing.Unstoppable.run();").keys("Enter");
            shell.awaitScreen("started");
            shell.keys("C-c");
            shell.awaitScreen("its Java session was set aside");
            shell.type("6 * 7").keys("Enter");
            shell.awaitScreen("==> 42");
            assertFalse(shell.screen().contains("\tat "), shell.screen());
            shell.exit();
        }
    }

    @Test
    void longLinesEchoAsTheyAreTypedAndTooLongOnesAreRefused() throws Exception {
        try (TmuxShell shell = TmuxShell.start(dir, Map.of(), "--lang", "en", "--endpoint-url", "http://127.0.0.1:9")) {
            shell.awaitScreen(PROMPT);
            // 40 KB typed key by key (no bracketed paste): this took two minutes before.
            shell.type("\"" + "ab".repeat(20_000) + "\".length()").keys("Enter");
            shell.awaitScreen("==> 40000");
            // Past the line limit, the rest is refused at once with a message.
            for (int i = 0; i < 11; i++) {
                shell.type("y".repeat(10_000));
            }
            shell.awaitScreen("This line is too long");
            // Ctrl-C drops the line; the next one is typed at the fresh prompt, as a person would.
            // Under load the last of the 110 KB typed may still be arriving: wait until the screen
            // is still, and press Ctrl-C again (a few times at most) if late keys began a new line.
            awaitStill(shell);
            int prompts = shell.count(PROMPT);
            for (int attempt = 0; attempt < 3 && shell.count(PROMPT) <= prompts; attempt++) {
                shell.keys("C-c");
                try {
                    shell.awaitCount(PROMPT, prompts + 1, Duration.ofSeconds(20));
                } catch (AssertionError lateKeys) {
                    awaitStill(shell);
                }
            }
            shell.awaitCount(PROMPT, prompts + 1);
            shell.type("1 + 1").keys("Enter");
            shell.awaitScreen("==> 2");
            long rss = rssKib(shell.process());
            assertTrue(rss < 1_000_000, "memory stays bounded: " + rss + " KiB");
            shell.exit();
        }
    }


    /** Waits until the screen has not changed for 2 s (at most 60 s): every key sent has arrived. */
    private static void awaitStill(TmuxShell shell) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        String before = shell.screen();
        int still = 0;
        while (still < 10 && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            String now = shell.screen();
            still = now.equals(before) ? still + 1 : 0;
            before = now;
        }
    }

    private static long rssKib(ProcessHandle process) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + process.pid());
    }
}
