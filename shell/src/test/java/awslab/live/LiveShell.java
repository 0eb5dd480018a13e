package awslab.live;

import awslab.api.AwsClients;
import awslab.cli.Interpreter;
import awslab.cli.ShellSession;
import awslab.i18n.Language;
import awslab.jshell.JavaShell;
import awslab.logging.LogBook;
import awslab.sandbox.SandboxClient;
import awslab.settings.Settings;
import awslab.state.StateFiles;
import awslab.target.SandboxCloud;
import awslab.target.Target;
import awslab.target.Targets;
import awslab.lesson.LessonEngine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole shell, in this process, as the live run drives it: the same session, wiring,
 * interpreter and lesson engine as {@code ./awslab}, its output copied to the run's log with the
 * seconds since the start. On the sandbox target the shell's own wiring starts the sandbox
 * service, as {@code ./awslab} does, on the run's state folder: on any free port, at the pace
 * asked for, stopping by itself if the run is killed and forgets it. Closing stops it; its state
 * stays on disk, so another process can look at what the run left.
 *
 * <pre>
 * try (LiveShell shell = LiveShell.open(Target.sandbox("us-east-1"), home, Language.EN, System.out, true)) {
 *     int code = shell.run("launch");
 * }
 * </pre>
 */
final class LiveShell implements AutoCloseable {
    private final ShellSession session;
    private final Interpreter interpreter;
    private final LessonEngine lessons;
    private final JavaShell java;
    private final Path home;

    private LiveShell(ShellSession session, Interpreter interpreter, LessonEngine lessons, JavaShell java, Path home) {
        this.session = session;
        this.interpreter = interpreter;
        this.lessons = lessons;
        this.java = java;
        this.home = home;
    }

    /** A shell on {@code target} with its state in {@code home}; {@code fast}: the sandbox's test pace. */
    static LiveShell open(Target target, Path home, Language language, PrintStream log, boolean fast, Map<String, String> env) {
        Instant start = Instant.now();
        PrintStream stamped = new PrintStream(new Stamped(log, start), true, StandardCharsets.UTF_8);
        StateFiles files = new StateFiles(damage -> log.println("state file damaged: " + damage));
        Targets targets = new Targets(home, target.kind() == Target.Kind.SANDBOX ? sandboxEnvironment(env, fast) : env);
        ShellSession session = new ShellSession(home, files, Settings.load(files, home), targets, target, language,
                new PrintWriter(stamped, true), false);
        JavaShell java = JavaShell.lazy(stamped, session::warmClients);
        awslab.Wiring wiring = new awslab.Wiring(session, targets, java, LogBook.detached(home, "awslab-live"));
        session.assumeYes(true); // the run answers yes: its ceilings were checked before anything was spent
        return new LiveShell(session, wiring.interpreter(), wiring.lessons(), java, home);
    }

    /**
     * The sandbox service's settings for a run, unless the caller's environment chose them: any
     * free port (the run's state folder is its own, and tests never take a fixed port), the tests'
     * pace with {@code fast}, and an idle stop that ends it should the run be killed before it can.
     */
    static Map<String, String> sandboxEnvironment(Map<String, String> env, boolean fast) {
        Map<String, String> chosen = new HashMap<>(env);
        chosen.putIfAbsent(SandboxCloud.PORT_VARIABLE, "0");
        chosen.putIfAbsent(SandboxCloud.IDLE_VARIABLE, "30m");
        if (fast) {
            chosen.put(SandboxCloud.PACE_VARIABLE, "fast");
        }
        return chosen;
    }

    /** Runs one line as typed at the prompt; its exit code. */
    int run(String line) {
        return interpreter.runLine(line);
    }

    ShellSession session() {
        return session;
    }

    AwsClients clients() {
        return session.clients();
    }

    LessonEngine lessons() {
        return lessons;
    }

    @Override
    public void close() {
        java.close();
        if (session.target().kind() == Target.Kind.SANDBOX) {
            SandboxClient.find(home).ifPresent(sandbox -> sandbox.stop(Duration.ofSeconds(60)));
        }
    }

    /** Prefixes every line with the seconds since the run started, to see where the time goes. */
    private static final class Stamped extends OutputStream {
        private final PrintStream out;
        private final Instant start;
        private boolean lineStart = true;

        Stamped(PrintStream out, Instant start) {
            this.out = out;
            this.start = start;
        }

        @Override
        public synchronized void write(int b) {
            if (lineStart) {
                out.print(String.format("%7.1f  ", Duration.between(start, Instant.now()).toMillis() / 1000.0));
                lineStart = false;
            }
            out.write(b);
            if (b == '\n') {
                lineStart = true;
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
