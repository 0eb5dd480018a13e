package awslab.ssh;

import awslab.logging.Background;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingInputStream;

/**
 * Bridges the local JLine terminal to a remote shell with a PTY, as {@code ssh} does: the
 * terminal goes raw (every key, Ctrl-C included, becomes a byte for the remote side, which
 * interprets it), the remote PTY gets the terminal's type and size and follows its resizes, two
 * pumps carry bytes each way, and the terminal is always restored, however the session ends.
 *
 * <pre>
 * int exitCode = new TerminalBridge(terminal).run(sshClient);
 * </pre>
 */
final class TerminalBridge {
    /** How often the keyboard pump looks up to see whether the session has ended. */
    private static final long POLL_MILLIS = 50;
    private static final int CTRL_C = 3;

    /** The student's language, sent as OpenSSH sends locale variables ({@code AcceptEnv LANG LC_*} lets it through). */
    static final String LANGUAGE_VARIABLE = "LC_AWSLAB_LANG";

    private final Terminal terminal;
    private final String language;

    TerminalBridge(Terminal terminal) {
        this(terminal, null);
    }

    TerminalBridge(Terminal terminal, String language) {
        this.terminal = terminal;
        this.language = language;
    }

    int run(SSHClient client) throws IOException {
        try (Session session = client.startSession()) {
            if (language != null) {
                try {
                    session.setEnvVar(LANGUAGE_VARIABLE, language);
                } catch (IOException e) {
                    // a server that refuses the variable still gives a session, in its own language
                }
            }
            Size size = terminal.getSize();
            session.allocatePTY(terminalType(), Math.max(size.getColumns(), 1), Math.max(size.getRows(), 1), 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            Attributes saved = new Attributes(terminal.getAttributes());
            Terminal.SignalHandler previousWinch = null;
            Terminal.SignalHandler previousInt = null;
            AtomicBoolean ended = new AtomicBoolean();
            Thread keyboard = Background.threads("ssh-keyboard").newThread(() -> pumpKeyboard(shell.getOutputStream(), ended));
            try {
                previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> resize(shell));
                // Raw mode turns ISIG off, so Ctrl-C arrives as a byte; a terminal that still raises INT (Windows) sends it too.
                previousInt = terminal.handle(Terminal.Signal.INT, s -> send(shell.getOutputStream(), CTRL_C));
                terminal.setAttributes(raw(saved));
                keyboard.start();
                Thread errors = pumpToTerminal(shell.getErrorStream(), "ssh-stderr");
                copyToTerminal(shell.getInputStream());
                errors.join(TimeUnit.SECONDS.toMillis(2));
                shell.join(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended.set(true);
                joinQuietly(keyboard);
                if (previousWinch != null) {
                    terminal.handle(Terminal.Signal.WINCH, previousWinch);
                }
                if (previousInt != null) {
                    terminal.handle(Terminal.Signal.INT, previousInt);
                }
                terminal.setAttributes(saved);
                terminal.flush();
            }
            Integer status = shell instanceof Session.Command command ? command.getExitStatus() : null;
            return status == null ? RemoteShell.NO_EXIT_STATUS : status;
        }
    }

    private String terminalType() {
        String type = terminal.getType();
        return type == null || type.isBlank() || type.startsWith("dumb") ? "xterm" : type;
    }

    /** Like {@code cfmakeraw}: no echo, no line editing, no signals, no output processing. */
    private static Attributes raw(Attributes saved) {
        Attributes raw = new Attributes(saved);
        raw.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ISIG, LocalFlag.IEXTEN), false);
        raw.setInputFlags(EnumSet.of(InputFlag.IXON, InputFlag.ICRNL, InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ISTRIP,
                InputFlag.BRKINT, InputFlag.PARMRK), false);
        raw.setOutputFlag(OutputFlag.OPOST, false);
        raw.setControlChar(ControlChar.VMIN, 1);
        raw.setControlChar(ControlChar.VTIME, 0);
        return raw;
    }

    private void resize(Session.Shell shell) {
        Size size = terminal.getSize();
        try {
            shell.changeWindowDimensions(size.getColumns(), size.getRows(), 0, 0);
        } catch (IOException ignored) {
            // the session is ending; the output pump notices
        }
    }

    private static void send(OutputStream remote, int b) {
        try {
            remote.write(b);
            remote.flush();
        } catch (IOException ignored) {
            // the session is ending
        }
    }

    /** Keys to the remote side, until the session ends; polls so it never steals input from the shell afterwards. */
    private void pumpKeyboard(OutputStream remote, AtomicBoolean ended) {
        InputStream in = terminal.input();
        try {
            while (!ended.get()) {
                int b = in instanceof NonBlockingInputStream nb ? nb.read(POLL_MILLIS) : in.read();
                if (b == NonBlockingInputStream.READ_EXPIRED) {
                    continue;
                }
                if (b < 0) {
                    remote.close(); // local EOF: tell the remote side, as ssh does
                    return;
                }
                remote.write(b);
                int available = in.available();
                if (available > 0 && !ended.get()) {
                    byte[] more = new byte[Math.min(available, 4096)];
                    int n = in.read(more, 0, more.length);
                    if (n > 0) {
                        remote.write(more, 0, n);
                    }
                }
                remote.flush();
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the remote side closed: the session is over
        }
    }

    private Thread pumpToTerminal(InputStream remote, String name) {
        return Background.start(name, () -> {
            try {
                copyToTerminal(remote);
            } catch (IOException ignored) {
                // the main stream reports the end
            }
        });
    }

    private void copyToTerminal(InputStream remote) throws IOException {
        OutputStream out = terminal.output();
        byte[] buffer = new byte[8192];
        for (int n; (n = remote.read(buffer)) >= 0; ) {
            synchronized (out) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
