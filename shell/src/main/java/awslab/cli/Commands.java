package awslab.cli;

import awslab.fleet.cli.BurnCpuCommand;
import awslab.fleet.cli.FleetCommand;
import awslab.lab.cmd.CleanupCommand;
import awslab.lab.cmd.InstancesCommand;
import awslab.lab.cmd.InstancesStatus;
import awslab.lab.cmd.LabStatus;
import awslab.lab.cmd.LaunchCommand;
import awslab.lab.cmd.RebootCommand;
import awslab.lab.cmd.StartCommand;
import awslab.lab.cmd.StopCommand;
import awslab.lab.cmd.TerminateCommand;
import awslab.lesson.LessonEngine;
import awslab.lesson.cmd.BackCommand;
import awslab.lesson.cmd.CheckCommand;
import awslab.lesson.cmd.DemoCommand;
import awslab.lesson.cmd.HintCommand;
import awslab.lesson.cmd.LessonCommand;
import awslab.lesson.cmd.NextCommand;
import awslab.lesson.cmd.ProgressCommand;
import awslab.lesson.cmd.ResetCommand;
import awslab.lesson.cmd.SkipCommand;
import awslab.ssh.SshCommand;
import java.util.function.BiConsumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * The registry: every command, status section and command listener of the shell is one line
 * here. Commands are picocli {@code @Command} classes (usually {@link BaseCommand}s), grouped
 * as {@code help} lists them.
 *
 * <pre>
 * // a new command: add its class to a group
 * group("help.group.lab", LaunchCommand.class, StopCommand.class),
 * // a new status section: add its constructor
 * List.of(TargetStatus::new, LabResourcesStatus::new)
 * // a lesson engine hook: a function from the shell's context to a listener
 * List.of(LessonListener::new)
 * </pre>
 */
public final class Commands {
    private Commands() {}

    /** The groups of {@code help}, in order; a group with no command is not shown. */
    public static final List<Group> GROUPS = List.of(
            group("help.group.lab",
                    LaunchCommand.class, InstancesCommand.class, SshCommand.class, StopCommand.class, StartCommand.class,
                    RebootCommand.class, TerminateCommand.class, CleanupCommand.class),
            group("help.group.fleet", FleetCommand.class, BurnCpuCommand.class),
            group("help.group.lesson",
                    LessonCommand.class, NextCommand.class, BackCommand.class, SkipCommand.class, CheckCommand.class,
                    HintCommand.class, ProgressCommand.class, ResetCommand.class, DemoCommand.class),
            group("help.group.shell",
                    ConnectCommand.class, StatusCommand.class, ExplainCommand.class, LangCommand.class, HelpCommand.class,
                    ExitCommand.class));

    /** What {@code status} shows, in order. */
    public static final List<Function<ShellContext, StatusSection>> STATUS_SECTIONS = List.of(
            TargetStatus::new, LabStatus::new);

    /** {@code status INSTANCE}: one instance in detail. */
    public static final BiConsumer<ShellContext, String> INSTANCE_STATUS = (ctx, id) -> new InstancesStatus().render(ctx, id);

    /** Told after each command (interactive, scripted or one-shot), e.g. the lesson engine. */
    public static final List<Function<ShellContext, CommandListener>> LISTENERS = List.of(Commands::lessons);

    /** Commands built with the session's shared parts instead of a no-arg constructor. */
    public static final Map<Class<?>, Function<ShellSession, Object>> CONSTRUCTORS = Map.ofEntries(
            Map.entry(LessonCommand.class, s -> new LessonCommand(lessons(s))),
            Map.entry(NextCommand.class, s -> new NextCommand(lessons(s))),
            Map.entry(BackCommand.class, s -> new BackCommand(lessons(s))),
            Map.entry(SkipCommand.class, s -> new SkipCommand(lessons(s))),
            Map.entry(CheckCommand.class, s -> new CheckCommand(lessons(s))),
            Map.entry(HintCommand.class, s -> new HintCommand(lessons(s))),
            Map.entry(ProgressCommand.class, s -> new ProgressCommand(lessons(s))),
            Map.entry(ResetCommand.class, s -> new ResetCommand(lessons(s))),
            Map.entry(DemoCommand.class, s -> new DemoCommand(lessons(s), line -> s.service(Interpreter.class, missing -> {
                throw new IllegalStateException("the demo needs the shell's interpreter");
            }).runLine(line))));

    /** The session's lesson engine: the listener that verifies steps, and what the lesson commands drive. */
    public static LessonEngine lessons(ShellContext ctx) {
        return ShellSession.of(ctx).service(LessonEngine.class, LessonEngine::new);
    }

    /** A help group: its title's i18n key and its commands. */
    public record Group(String titleKey, List<Class<?>> commands) {}

    private static Group group(String titleKey, Class<?>... commands) {
        return new Group(titleKey, List.of(commands));
    }

    /** Every command class, in help order. */
    public static List<Class<?>> all() {
        List<Class<?>> all = new ArrayList<>();
        GROUPS.forEach(g -> all.addAll(g.commands()));
        return all;
    }

    /** Command names and aliases → class. */
    public static Map<String, Class<?>> byName() {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (Class<?> type : all()) {
            Command command = type.getAnnotation(Command.class);
            names.put(command.name(), type);
            for (String alias : command.aliases()) {
                names.put(alias, type);
            }
        }
        return names;
    }

    public static String name(Class<?> type) {
        return type.getAnnotation(Command.class).name();
    }

    /** The command name closest to {@code word}: a typo (edit distance ≤ 2) or a prefix of 3+ letters. */
    public static Optional<String> closest(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : byName().keySet()) {
            int distance = lower.length() >= 3 && name.startsWith(lower) ? 1 : distance(lower, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        int allowed = lower.length() <= 3 ? 1 : 2;
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance (with adjacent transpositions counted as one edit). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
