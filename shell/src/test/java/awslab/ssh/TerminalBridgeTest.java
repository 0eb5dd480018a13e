package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.sshd.server.Environment;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive bridge, with a JLine terminal over pipes standing for the student's terminal. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TerminalBridgeTest {
    @TempDir
    Path dir;

    private TestSshServer server;
    private PipedOutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;

    @BeforeEach
    void setUp() throws IOException {
        server = TestSshServer.start(dir);
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 8192);
        terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm")
                .size(new Size(80, 24)).build();
    }

    @AfterEach
    void tearDown() throws IOException {
        terminal.close();
        server.close();
    }

    @Test
    void bridgesKeysScreenWindowSizeAndCtrlCThenRestoresTheTerminal() throws Exception {
        Attributes before = new Attributes(terminal.getAttributes());
        SshSessions sessions = new SshSessions(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")), Progress.SILENT, Duration.ofSeconds(5));
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> {
            try (RemoteShell shell = sessions.open(server.target("i-1"), server.privateKey())) {
                return shell.interactive(terminal);
            }
        });

        type("echo ready\n");
        await(() -> screen().contains("ready\n"), "the remote shell's first answer");
        Map<String, String> env = server.shells().get(0).getEnv();
        assertEquals("xterm", env.get(Environment.ENV_TERM));
        assertEquals("80", env.get(Environment.ENV_COLUMNS));
        assertEquals("24", env.get(Environment.ENV_LINES));
        assertTrue(!terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG), "raw: Ctrl-C is a byte for the remote side");

        terminal.setSize(new Size(120, 40));
        terminal.raise(Terminal.Signal.WINCH);
        await(() -> server.windowChanges().contains("120x40"), "the window-change request");

        // Ctrl-C reaches the remote side as the byte 0x03 (read there by head, shown by od).
        type("head -c 1 | od -An -tx1\n");
        Thread.sleep(300);
        keyboard.write(3);
        keyboard.flush();
        await(() -> screen().contains("03"), "the Ctrl-C byte echoed back by od");

        type("echo hello; exit 5\n");
        assertEquals(5, session.get(20, TimeUnit.SECONDS));
        assertTrue(screen().contains("hello"), screen());

        Attributes after = terminal.getAttributes();
        assertEquals(before.getLocalFlags(), after.getLocalFlags(), "local flags restored");
        assertEquals(before.getInputFlags(), after.getInputFlags(), "input flags restored");
        assertEquals(before.getOutputFlags(), after.getOutputFlags(), "output flags restored");

        type("x\n"); // the terminal is back in line mode: a line is delivered when Enter is pressed
        assertEquals('x', terminal.reader().read(5000), "after the session, keys go to the shell again");
    }

    private void type(String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not seen within 10 s: " + what + "; screen: " + screen());
    }
}
