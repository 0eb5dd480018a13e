package awslab.cli;

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
            group("help.group.lab"),
            group("help.group.fleet"),
            group("help.group.lesson"),
            group("help.group.shell",
                    ConnectCommand.class, StatusCommand.class, ExplainCommand.class, LangCommand.class, HelpCommand.class,
                    ExitCommand.class));

    /** What {@code status} shows, in order. */
    public static final List<Function<ShellContext, StatusSection>> STATUS_SECTIONS = List.of(
            TargetStatus::new);

    /** Told after each command (interactive, scripted or one-shot), e.g. the lesson engine. */
    public static final List<Function<ShellContext, CommandListener>> LISTENERS = List.of();

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
