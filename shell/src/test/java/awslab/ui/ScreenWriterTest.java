package awslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Everything printed: wrapped at words, an abandoned command silenced, background lines never inside another line. */
class ScreenWriterTest {
    private final StringWriter screen = new StringWriter();

    @Test
    void wrapsEachLineToTheWidth() {
        PrintWriter out = new PrintWriter(new ScreenWriter(screen, () -> 31), true);
        out.println("Le groupe ignore les contrôles de santé échoués pendant 180 s.");
        assertEquals(String.join(System.lineSeparator(), "Le groupe ignore les contrôles",
                "de santé échoués pendant 180 s.", ""), screen.toString());
    }

    @Test
    void dropsWhatAMutedThreadPrints() throws Exception {
        ScreenWriter writer = new ScreenWriter(screen, () -> 0);
        PrintWriter out = new PrintWriter(writer, true);
        Thread abandoned = new Thread(() -> out.println("too late"));
        writer.mute(abandoned);
        abandoned.start();
        abandoned.join();
        out.println("next command");
        assertEquals("next command" + System.lineSeparator(), screen.toString());
    }

    @Test
    void aBackgroundLineWaitsForTheLineBeingPrintedToEnd() {
        ScreenWriter writer = new ScreenWriter(screen, () -> 0);
        PrintWriter out = new PrintWriter(writer, true);
        out.print("Supprimer tout ? [o/N] ");
        out.flush();
        writer.announce("Bac à sable prêt.");
        assertEquals("Supprimer tout ? [o/N] ", screen.toString(), "not into the question's line");
        out.println("non");
        assertEquals("Supprimer tout ? [o/N] non" + System.lineSeparator() + "Bac à sable prêt." + System.lineSeparator(),
                screen.toString());
    }

    @Test
    void whileACommandRunsBackgroundLinesWaitForItsEndThenGoAboveThePrompt() throws Exception {
        ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
        PipedOutputStream keyboard = new PipedOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type(Terminal.TYPE_DUMB)
                .streams(new PipedInputStream(keyboard), terminalOut).encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            ScreenWriter writer = new ScreenWriter(terminal.writer(), () -> 0);
            PrintWriter out = new PrintWriter(writer, true);
            writer.prompt(reader);
            writer.busy(true);
            out.println("  • i-0abc : en attente (pending)");
            writer.announce("Compte : 000000000000");
            out.println("  • i-0abc : en cours d’exécution (running)");
            writer.busy(false);
            terminal.flush();
            String shown = "";
            for (int i = 0; i < 100 && !shown.contains("Compte"); i++) { // the terminal's output may be pumped on its own thread
                Thread.sleep(20);
                synchronized (terminalOut) {
                    shown = terminalOut.toString(StandardCharsets.UTF_8);
                }
            }
            assertTrue(shown.indexOf("Compte") > shown.indexOf("(running)"), "after the command's output: " + shown);
        }
    }
}
