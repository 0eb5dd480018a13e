package awslab.cli;

import awslab.state.StateFiles;
import awslab.i18n.Language;
import awslab.jshell.JavaShell;
import awslab.settings.Settings;
import awslab.target.Target;
import awslab.target.Targets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole shell without a terminal, for tests: a session on {@code target}, an interpreter and
 * a JShell, all printing into one buffer.
 *
 * <pre>
 * ShellFixture shell = ShellFixture.on(Target.endpoint(moto, "us-east-1"), tempDir, Language.EN);
 * shell.interpreter().execute("status");
 * assertTrue(shell.output().contains("Account"));
 * </pre>
 */
public final class ShellFixture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ShellSession session;
    private final Interpreter interpreter;
    private final JavaShell java;
    private final awslab.Wiring wiring;
    private final DamageNotices notices = new DamageNotices();

    private ShellFixture(Target target, Path stateDir, Language language, Map<String, String> env) {
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(stream, true);
        Targets targets = new Targets(stateDir, env);
        StateFiles files = new StateFiles(notices);
        session = new ShellSession(stateDir, files, Settings.load(files, stateDir), targets, target, language, out, false);
        notices.attach(session);
        java = JavaShell.lazy(stream, session::warmClients);
        wiring = new awslab.Wiring(session, targets, java, awslab.logging.LogBook.detached(stateDir, "awslab"));
        interpreter = wiring.interpreter();
    }

    /** Every registered command under one root, as the shell parses them (for course checks). */
    public picocli.CommandLine rootCommandLine() {
        picocli.CommandLine root = new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create().name("awslab"));
        for (Class<?> type : wiring.commands().all()) {
            root.addSubcommand(Commands.name(type), interpreter.runner().commandLine(type));
        }
        return root;
    }

    /**
     * A shell whose SANDBOX target starts no sandbox service by itself: one would outlive the test
     * on the shell's fixed port (a Java snippet builds the clients, which start it). A test that
     * wants one passes its environment ({@code AWSLAB_SANDBOX_PORT=0}…) or registers its own.
     */
    public static ShellFixture on(Target target, Path stateDir, Language language) {
        ShellFixture shell = new ShellFixture(target, stateDir, language, Map.of());
        shell.session.targets().localCloud(null);
        return shell;
    }

    /** With these environment variables (e.g. {@code AWSLAB_SANDBOX_PORT=0}: a sandbox on any free port). */
    public static ShellFixture on(Target target, Path stateDir, Language language, Map<String, String> env) {
        return new ShellFixture(target, stateDir, language, env);
    }

    public ShellSession session() {
        return session;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    /** The composition root that built this shell: its registry, its lesson engine. */
    public awslab.Wiring wiring() {
        return wiring;
    }

    public JavaShell java() {
        return java;
    }

    /** Runs one input and returns what it printed. */
    public String run(String source) {
        bytes.reset();
        interpreter.execute(source);
        return output();
    }

    /** Runs {@code action} (a part of the shell driven directly) and returns what it printed. */
    public String capture(Runnable action) {
        bytes.reset();
        action.run();
        return output();
    }

    public synchronized String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
