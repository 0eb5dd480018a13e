package awslab;

import awslab.logging.Background;
import awslab.api.UserException;
import awslab.cli.CommandRunner;
import awslab.cli.DamageNotices;
import awslab.cli.Interpreter;
import awslab.cli.ParameterErrors;
import awslab.cli.Repl;
import awslab.cli.ScriptRunner;
import awslab.cli.ShellSession;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.jshell.JavaShell;
import awslab.logging.LogBook;
import awslab.logging.Logs;
import awslab.settings.Settings;
import awslab.state.StateDir;
import awslab.state.StateFiles;
import awslab.target.Target;
import awslab.target.Targets;
import awslab.ui.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * Entry point: {@code awslab} starts the REPL; {@code awslab CMD ARGS…} runs one command and
 * exits with its code; {@code awslab --script FILE} (or piped standard input) runs lines in
 * order and stops at the first failure.
 *
 * <pre>
 * awslab --lang fr --endpoint-url http://127.0.0.1:5000
 * awslab status
 * awslab --script lab.awslab
 * </pre>
 */
@Command(name = "awslab")
public final class Main {
    /** The version the build wrote (shell/src/main/filtered), e.g. {@code 0.1.0}. */
    static final String VERSION = buildVersion();

    @Option(names = "--lang", paramLabel = "fr|en", descriptionKey = "help.awslab.option.lang")
    String lang;

    @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "help.awslab.option.profile")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", descriptionKey = "help.awslab.option.region")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", descriptionKey = "help.awslab.option.endpoint")
    String endpointUrl;

    @Option(names = "--script", paramLabel = "FILE", descriptionKey = "help.awslab.option.script")
    Path script;

    @Option(names = "--course", paramLabel = "DIR", descriptionKey = "help.awslab.option.course")
    Path course;

    @Option(names = "--debug", descriptionKey = "help.awslab.option.debug")
    boolean debug;

    @Option(names = "--explain", descriptionKey = "help.awslab.option.explain")
    boolean explain;

    @Option(names = "--reset-sandbox", descriptionKey = "help.awslab.option.resetSandbox")
    boolean resetSandbox;

    @Option(names = "--version", versionHelp = true, descriptionKey = "help.awslab.option.version")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "help.option.help")
    boolean help;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", descriptionKey = "help.awslab.param.command")
    List<String> command = new ArrayList<>();

    private static String buildVersion() {
        java.util.Properties build = new java.util.Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // A jar that cannot read its own resources fails elsewhere first; say "unknown" here.
        }
        return build.getProperty("version", "unknown");
    }

    /** What the process is given: streams, environment, whether a person sits at a terminal. */
    public record Io(InputStream in, OutputStream out, Map<String, String> env, boolean terminal) {}

    /** How long shutdown hooks may run before the process ends anyway (one a snippet added may never end). */
    static final long EXIT_GRACE_MILLIS = 3_000;

    public static void main(String[] args) {
        if (StaleJar.launcherMustRebuild(System.getenv(StaleJar.SOURCES))) {
            System.exit(StaleJar.EXIT);
        }
        int code = run(args, new Io(System.in, System.out, System.getenv(), System.console() != null));
        exitWithin(EXIT_GRACE_MILLIS, code);
    }

    /**
     * Exits with {@code code}, running the shutdown hooks, but for {@code graceMillis} at most: a
     * hook that never ends (a Java snippet may add one) would hang {@code exit} forever.
     */
    static void exitWithin(long graceMillis, int code) {
        Background.start("awslab-exit-watchdog", () -> {
            try {
                Thread.sleep(graceMillis);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(Messages.load(Language.EN).get("msg.exit.forced", graceMillis / 1000)
                    + " / " + Messages.load(Language.FR).get("msg.exit.forced", graceMillis / 1000));
            Runtime.getRuntime().halt(code);
        });
        System.exit(code);
    }

    /** Runs the shell with {@code args}; returns the process exit code (tests call this). */
    public static int run(String[] args, Io io) {
        Path stateDir = StateDir.locate(io.env(), System::getProperty);
        DamageNotices notices = new DamageNotices();
        StateFiles files = new StateFiles(notices);
        Settings settings = Settings.load(files, stateDir);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        Main options = new Main();
        CommandLine parser = new CommandLine(options);
        parser.setStopAtPositional(true);
        // The launcher passes its course first (--course lessons): the user's own --course wins.
        parser.setOverwrittenOptionsAllowed(true);
        Language fallback = settings.get(Settings.LANGUAGE).flatMap(Language::parse)
                .orElseGet(() -> Language.fromEnvironment(io.env(), Locale.getDefault()));
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            Console console = new Console(out, () -> Messages.load(fallback), false);
            console.error(ParameterErrors.explain(e));
            console.info("msg.usage.main");
            return CommandRunner.USAGE;
        }
        Optional<Language> chosen = options.lang == null ? Optional.of(fallback) : Language.parse(options.lang);
        if (chosen.isEmpty()) {
            new Console(out, () -> Messages.load(fallback), false).error("err.lang.unknown", options.lang);
            return CommandRunner.USAGE;
        }
        Messages messages = Messages.load(chosen.get());
        if (options.help) {
            out.println(new awslab.cli.HelpRenderer(messages).command(parser));
            return 0;
        }
        if (options.version) {
            out.println(messages.get("msg.version", VERSION));
            return 0;
        }
        return options.start(stateDir, files, notices, settings, chosen.get(), out, io);
    }

    /** The width of the terminal a one-shot run prints to (long lines then wrap at words); 0 if unknown. */
    private static int terminalWidth() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            return terminal.getWidth();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The sandbox keeps its resources between sessions unless the user asks for a fresh account. */
    private static boolean resetSandbox(Path stateDir, Language language, PrintWriter out) {
        Console console = new Console(out, () -> Messages.load(language), false);
        try {
            awslab.target.SandboxCloud.reset(stateDir);
            console.info("msg.sandbox.reset");
            return true;
        } catch (java.io.IOException e) {
            console.error("err.sandbox.start", String.valueOf(e.getMessage()));
            return false;
        }
    }

    private int start(Path stateDir, StateFiles files, DamageNotices notices, Settings settings, Language language,
            PrintWriter out, Io io) {
        boolean interactive = command.isEmpty() && script == null && io.terminal();
        LogBook logs = Logs.start(stateDir, "awslab", debug, System.err);
        if (resetSandbox && !resetSandbox(stateDir, language, out)) {
            return CommandRunner.USER_ERROR;
        }
        Targets targets = new Targets(stateDir, io.env());
        boolean colour = Console.colourWanted(interactive, io.env().get("NO_COLOR"));
        ShellSession session;
        try {
            Target target = targets.resolve(endpointUrl, profile, region, settings);
            session = new ShellSession(stateDir, files, settings, targets, target, language, out, colour);
        } catch (UserException e) {
            new Console(out, () -> Messages.load(language), false).error(e);
            return CommandRunner.USAGE;
        }
        notices.attach(session);
        session.debug(debug);
        session.explainForThisRun(explain);
        PrintStream snippetOut = new PrintStream(io.out(), true, StandardCharsets.UTF_8);
        // Interactive: started at once, beside the prompt (the first Java answer is what a user waits
        // for longest); scripts and one-shot runs start it when they first need Java.
        JavaShell java = JavaShell.lazy(snippetOut, session::warmClients);
        if (interactive) {
            java.startInBackground();
        }
        Interpreter interpreter = new Wiring(session, targets, java, logs, Optional.ofNullable(course)).interpreter();
        if (!interactive && io.terminal()) {
            int width = terminalWidth();
            session.screen().width(() -> width);
        }
        if (!interactive) {
            interpreter.sayTargetBeforeRun(command);
        }
        try {
            if (!command.isEmpty()) {
                return interpreter.runWords(command);
            }
            if (script != null) {
                try (BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                    return new ScriptRunner(session, interpreter).run(in, script.toString());
                } catch (IOException e) {
                    session.console().error("err.script.unreadable", script, e.getMessage());
                    return CommandRunner.USER_ERROR;
                }
            }
            if (!interactive) {
                BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
                return new ScriptRunner(session, interpreter).run(in, "stdin");
            }
            // Each stream named: JLine takes stdout.encoding and stdin.encoding over encoding(), and
            // Java 19+ sets them from the locale (ASCII when LANG is unset): "café" then read as "caf??".
            try (Terminal terminal = TerminalBuilder.builder().system(true).name("awslab").encoding(StandardCharsets.UTF_8)
                    .stdinEncoding(StandardCharsets.UTF_8).stdoutEncoding(StandardCharsets.UTF_8)
                    .stderrEncoding(StandardCharsets.UTF_8).build()) {
                return new Repl(session, interpreter, terminal).run();
            } catch (IOException e) {
                session.console().error("err.terminal", e.getMessage());
                return CommandRunner.INTERNAL;
            }
        } finally {
            out.flush();
        }
    }
}
