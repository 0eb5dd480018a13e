package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.CommandListener;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.target.AwsErrors;
import awslab.ui.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one command line (already split into words) through picocli: builds the command with
 * the session as its context, answers {@code --help} from the bundles, turns parse errors,
 * {@link UserException}s and AWS errors into translated messages, and tells the listeners.
 *
 * <pre>
 * int code = new CommandRunner(session, commands).run(List.of("lang", "fr"));
 * </pre>
 */
public final class CommandRunner {
    /** Exit codes: success, a problem the user can fix, bad usage, a defect, interrupted. */
    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;
    public static final int INTERRUPTED = Interruption.EXIT_CODE;
    private static final System.Logger LOG = System.getLogger(CommandRunner.class.getName());

    private final ShellSession session;
    private final Commands commands;
    private final List<CommandListener> extraListeners = new ArrayList<>();

    public CommandRunner(ShellSession session, Commands commands) {
        this.session = session;
        this.commands = commands;
    }

    public Commands commands() {
        return commands;
    }

    /** Adds a listener after the registered ones (tests). */
    public void addListener(CommandListener listener) {
        extraListeners.add(listener);
    }

    /** A picocli command line for a registered command, ready to parse (for help and completion too). */
    public CommandLine commandLine(Class<?> type) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = new CommandLine(type, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                var factory = commands.factory(cls);
                K created = factory.isPresent() ? cls.cast(factory.get().get()) : defaults.create(cls);
                if (created instanceof BaseCommand command) {
                    command.context(session);
                }
                return created;
            }
        });
        commandLine.setResourceBundle(session.messages().asResourceBundle());
        commandLine.setOut(session.out());
        commandLine.setErr(session.out());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        addHelpOption(commandLine);
        return commandLine;
    }

    private static void addHelpOption(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp) && spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).descriptionKey("help.option.help").build());
        }
        commandLine.getSubcommands().values().forEach(CommandRunner::addHelpOption);
    }

    /** Whether {@code words} would parse as a registered command, its options and arguments (nothing runs). */
    public boolean parses(List<String> words) {
        Class<?> type = words.isEmpty() ? null : commands.byName().get(words.get(0));
        if (type == null) {
            return false;
        }
        try {
            commandLine(type).parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            return true;
        } catch (ParameterException e) {
            return false;
        }
    }

    /** Runs {@code words} ({@code words[0]} a registered command name); returns the exit code. */
    public int run(List<String> words) {
        Class<?> type = commands.byName().get(words.get(0));
        List<String> path = new ArrayList<>(List.of(words.get(0)));
        int code;
        if (type == null) {
            session.console().error("err.command.unknown", words.get(0));
            code = USAGE;
        } else {
            code = execute(type, words.subList(1, words.size()), path);
        }
        List<String> args = List.copyOf(words.subList(Math.min(path.size(), words.size()), words.size()));
        List<CommandListener> listeners = new ArrayList<>(commands.listeners());
        listeners.addAll(extraListeners);
        for (CommandListener listener : listeners) {
            try {
                listener.afterCommand(List.copyOf(path), args, code);
            } catch (RuntimeException e) {
                // What runs after a command is the lesson's check: Ctrl-C there stops the check.
                report(e, List.of("check"));
            }
        }
        return code;
    }

    private int execute(Class<?> type, List<String> args, List<String> path) {
        Console console = session.console();
        try {
            CommandLine commandLine = commandLine(type);
            ParseResult parsed;
            try {
                parsed = commandLine.parseArgs(args.toArray(String[]::new));
            } catch (ParameterException e) {
                console.error(ParameterErrors.explain(e));
                console.info("msg.usage.hint", e.getCommandLine().getCommandSpec().qualifiedName(" "));
                return USAGE;
            }
            List<CommandLine> chain = parsed.asCommandLineList();
            path.clear();
            chain.forEach(c -> path.add(c.getCommandName()));
            for (CommandLine c : chain) {
                if (c.isUsageHelpRequested()) {
                    console.println(new HelpRenderer(session.messages()).command(c));
                    return OK;
                }
            }
            CommandLine last = chain.get(chain.size() - 1);
            Object command = last.getCommand();
            if (!(command instanceof Callable<?> || command instanceof Runnable)) {
                console.error("err.subcommand.missing", last.getCommandSpec().qualifiedName(" "));
                console.println(new HelpRenderer(session.messages()).command(last));
                return USAGE;
            }
            if (command instanceof Callable<?> callable) {
                Object result = callable.call();
                return result instanceof Integer i ? i : OK;
            }
            ((Runnable) command).run();
            return OK;
        } catch (Exception | LinkageError | AssertionError e) {
            return report(e, path);
        }
    }

    /** Shows any failure as a translated message (a stack trace only with {@code --debug}); returns its exit code. */
    public int report(Throwable e) {
        return report(e, List.of());
    }

    /**
     * As {@link #report(Throwable)}, for the command {@code path} (e.g. {@code [fleet, create]}):
     * when Ctrl-C stopped it, one line saying what was stopped and what state things are in.
     */
    public int report(Throwable e, List<String> path) {
        Console console = session.console();
        if (Interruption.causedBy(e) || isUserInterrupt(e) || Thread.interrupted()) {
            LOG.log(System.Logger.Level.DEBUG, "interrupted " + path, e);
            interrupted(e, path);
            return INTERRUPTED;
        }
        Optional<InvalidPathException> badPath = ParameterErrors.cause(e, InvalidPathException.class);
        RuntimeException explained = badPath.isPresent() ? new UserException(e, "err.path.encoding", badPath.get().getInput())
                : e instanceof SdkException sdk ? AwsErrors.explain(sdk) : AwsErrors.explainAny(e);
        if (explained instanceof UserException user) {
            LOG.log(System.Logger.Level.DEBUG, "user error " + user.key(), e);
            console.error(user);
            debugTrace(e);
            return USER_ERROR;
        }
        LOG.log(System.Logger.Level.ERROR, "internal error", e);
        console.error("err.internal", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        if (!debugTrace(e)) {
            console.info("msg.debug.hint");
        }
        return INTERNAL;
    }

    /** The interruption's own line, else the command's ({@code msg.interrupted.fleet.create}), else the general one. */
    private void interrupted(Throwable e, List<String> path) {
        Console console = session.console();
        Optional<Interruption> specific = Interruption.specific(e);
        if (specific.isPresent()) {
            console.warn(specific.get().key(), specific.get().args());
            return;
        }
        String own = Interruption.GENERIC + "." + String.join(".", path);
        if (!path.isEmpty() && session.messages().has(own)) {
            console.warn(own);
        } else if (!path.isEmpty()) {
            console.warn("msg.interrupted.command", String.join(" ", path));
        } else {
            console.warn(Interruption.GENERIC);
        }
    }

    /** Ctrl-C while a command read a line of its own (a confirmation, a pasted block). */
    private static boolean isUserInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserInterruptException || t instanceof EndOfFileException) {
                return true;
            }
        }
        return false;
    }

    private boolean debugTrace(Throwable e) {
        if (!session.debug()) {
            return false;
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        session.console().dim(trace.toString());
        return true;
    }
}
