package awslab.ssh;

import awslab.logging.Background;
import awslab.api.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.jline.terminal.Terminal;

/**
 * An open, authenticated SSH connection to one instance (from {@link SshSessions#open}): run a
 * command, bridge an interactive session to the local terminal, or start and stop a bounded
 * background job (e.g. a CPU burn that stops by itself).
 *
 * <pre>
 * try (RemoteShell shell = sessions.open(target, key)) {
 *     int code = shell.exec("uname -a", ctx.out());
 *     shell.startBackground("burn-cpu", "while : ; do : ; done", Duration.ofMinutes(10));
 * }
 * </pre>
 */
public final class RemoteShell implements AutoCloseable {
    /** Exit code when the remote side gave none (killed by a signal, connection lost), as OpenSSH's {@code ssh}. */
    public static final int NO_EXIT_STATUS = 255;
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final int MAX_CAPTURE = 1 << 20;

    /** What a command printed and how it ended. */
    public record CommandResult(int exitCode, String stdout, String stderr) {}

    /**
     * A background job on the instance, tracked by its pid file {@code ~/.awslab/NAME.pid}.
     *
     * @param alreadyRunning true when a job of that name was running already (it was left alone)
     */
    public record BackgroundJob(String name, long pid, boolean alreadyRunning) {}

    /** Exit code of a command the user interrupted (Ctrl-C), as a shell reports it. */
    public static final int INTERRUPTED = 130;

    private final SSHClient client;
    private final SshTarget target;
    private volatile Session.Command running;
    private volatile boolean interrupted;

    RemoteShell(SSHClient client, SshTarget target) {
        this.client = client;
        this.target = target;
    }

    public SshTarget target() {
        return target;
    }

    /** Runs {@code command}, collecting its output; a command still running after {@code timeout} is ended and reported. */
    public CommandResult run(String command, Duration timeout) {
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            CompletableFuture<String> out = drain(cmd.getInputStream());
            CompletableFuture<String> err = drain(cmd.getErrorStream());
            long deadline = System.nanoTime() + timeout.toNanos();
            String stdout = out.get(remaining(deadline), TimeUnit.NANOSECONDS);
            String stderr = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
            cmd.join(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
            return new CommandResult(exitCode(cmd), stdout, stderr);
        } catch (TimeoutException e) {
            throw new UserException(e, "err.ssh.command.timeout", target.instanceId(), timeout.toSeconds());
        } catch (IOException | ExecutionException e) {
            throw lost(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lost(e);
        }
    }

    /**
     * Runs {@code command}, streaming its output and errors to {@code out} as they come, until it
     * ends; returns its exit code (as {@code ssh HOST CMD} does).
     */
    public int exec(String command, Writer out) {
        interrupted = false;
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            running = cmd;
            Thread errors = pump(cmd.getErrorStream(), out);
            copy(new InputStreamReader(cmd.getInputStream(), StandardCharsets.UTF_8), out);
            errors.join(TimeUnit.SECONDS.toMillis(5));
            cmd.join(5, TimeUnit.SECONDS);
            return interrupted ? INTERRUPTED : exitCode(cmd);
        } catch (IOException e) {
            if (interrupted) {
                return INTERRUPTED;
            }
            throw lost(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lost(e);
        } finally {
            running = null;
        }
    }

    /**
     * Interrupts the command {@link #exec} is running (the user pressed Ctrl-C): asks the server
     * to send it SIGINT, then closes its channel, so {@code exec} returns {@link #INTERRUPTED}.
     * Safe to call from a signal handler's thread; does nothing when no command runs.
     */
    public void interruptCommand() {
        Session.Command cmd = running;
        if (cmd == null) {
            return;
        }
        interrupted = true;
        try {
            cmd.signal(Signal.INT); // honoured by servers that support "signal" requests
            cmd.close();
        } catch (IOException ignored) {
            // the command is ending anyway
        }
    }

    /** An interactive login shell bridged to {@code terminal} (see {@link TerminalBridge}); returns its exit code. */
    public int interactive(Terminal terminal) {
        return interactive(terminal, null);
    }

    /**
     * The same, telling the instance the student's language ({@code en}, {@code fr}) in
     * {@link TerminalBridge#LANGUAGE_VARIABLE}, which sshd passes on as OpenSSH's {@code LC_*}
     * variables (the sandbox's login message follows it; a real instance ignores it).
     */
    public int interactive(Terminal terminal, String language) {
        try {
            return new TerminalBridge(terminal, language).run(client);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Starts {@code command} in the background under {@code sh}, stopped by itself after
     * {@code limit} ({@code timeout}), surviving this connection ({@code nohup}), its pid in
     * {@code ~/.awslab/NAME.pid}. A job of that name already running is left alone.
     */
    public BackgroundJob startBackground(String name, String command, Duration limit) {
        requireJobName(name);
        long seconds = Math.max(1, limit.toSeconds());
        String script = BackgroundScripts.start(name, command, seconds);
        CommandResult result = run(script, SshSessions.QUICK_COMMAND);
        if (result.exitCode() != 0 && result.exitCode() != BackgroundScripts.ALREADY_RUNNING) {
            throw new UserException("err.ssh.background.start", name, target.instanceId(), result.stderr().strip());
        }
        long pid = Long.parseLong(result.stdout().strip());
        return new BackgroundJob(name, pid, result.exitCode() == BackgroundScripts.ALREADY_RUNNING);
    }

    /** Stops the background job {@code name} and everything it started; false when it was not running. */
    public boolean stopBackground(String name) {
        requireJobName(name);
        CommandResult result = run(BackgroundScripts.stop(name), SshSessions.QUICK_COMMAND);
        if (result.exitCode() != 0 && result.exitCode() != BackgroundScripts.NOT_RUNNING) {
            throw new UserException("err.ssh.background.stop", name, target.instanceId(), result.stderr().strip());
        }
        return result.exitCode() == 0;
    }

    /** True while the background job {@code name} runs (it stops by itself at its limit). */
    public boolean isBackgroundRunning(String name) {
        requireJobName(name);
        return run(BackgroundScripts.status(name), SshSessions.QUICK_COMMAND).exitCode() == 0;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // the session is over either way
        }
    }

    private static void requireJobName(String name) {
        if (name == null || !JOB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job name must match " + JOB_NAME + ": " + name);
        }
    }

    private UserException lost(Exception e) {
        return new UserException(e, "err.ssh.lost", target.host(), String.valueOf(e.getMessage()));
    }

    private static int exitCode(Session.Command cmd) {
        Integer status = cmd.getExitStatus();
        return status == null ? NO_EXIT_STATUS : status;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Reads a stream to its end on a daemon thread (at most 1 MiB kept). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Background.start("ssh-drain", () -> {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes.write(buffer, 0, Math.min(n, Math.max(0, MAX_CAPTURE - bytes.size())));
                }
                result.complete(bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static Thread pump(InputStream in, Writer out) {
        return Background.start("ssh-stderr", () -> {
            try {
                copy(new InputStreamReader(in, StandardCharsets.UTF_8), out);
            } catch (IOException ignored) {
                // the main stream reports a lost connection
            }
        });
    }

    private static void copy(Reader in, Writer out) throws IOException {
        char[] buffer = new char[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            synchronized (out) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
