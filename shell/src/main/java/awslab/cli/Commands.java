package awslab.cli;

import awslab.api.CommandListener;
import awslab.api.InstanceStatus;
import awslab.api.ShellRegistry;
import awslab.api.StatusSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * The shell's registry: every command (in its help group), the factories that build commands
 * with their parts, the sections of {@code status}, and the listeners told after each command.
 * The composition root fills it ({@code awslab.Wiring}); the REPL, {@code help}, completion and
 * the command runner read it. It names no feature.
 *
 * <pre>
 * Commands commands = new Commands();
 * commands.command("help.group.lab", LaunchCommand.class);
 * commands.byName().get("launch");   // LaunchCommand.class
 * </pre>
 */
public final class Commands implements ShellRegistry {
    private final Map<String, List<Class<?>>> groups = new LinkedHashMap<>();
    private final Map<Class<?>, Supplier<?>> factories = new HashMap<>();
    private final List<StatusSection> statusSections = new ArrayList<>();
    private final List<CommandListener> listeners = new ArrayList<>();
    private InstanceStatus instanceStatus = (ctx, instance) -> {};

    @Override
    public Commands command(String helpGroupKey, Class<?> type) {
        if (type.getAnnotation(Command.class) == null) {
            throw new IllegalArgumentException(type + " is not a picocli @Command");
        }
        groups.computeIfAbsent(helpGroupKey, k -> new ArrayList<>()).add(type);
        return this;
    }

    @Override
    public <T> Commands factory(Class<T> type, Supplier<? extends T> create) {
        factories.put(type, create);
        return this;
    }

    @Override
    public Commands status(StatusSection section) {
        statusSections.add(section);
        return this;
    }

    @Override
    public Commands instanceStatus(InstanceStatus status) {
        this.instanceStatus = status;
        return this;
    }

    @Override
    public Commands listener(CommandListener listener) {
        listeners.add(listener);
        return this;
    }

    /** A help group: its title's i18n key and its commands. */
    public record Group(String titleKey, List<Class<?>> commands) {}

    /** The groups of {@code help}, in order. */
    public List<Group> groups() {
        List<Group> all = new ArrayList<>();
        groups.forEach((key, types) -> all.add(new Group(key, List.copyOf(types))));
        return all;
    }

    /** How to build {@code type} with its parts, when one was registered. */
    public Optional<Supplier<?>> factory(Class<?> type) {
        return Optional.ofNullable(factories.get(type));
    }

    public List<StatusSection> statusSections() {
        return List.copyOf(statusSections);
    }

    public InstanceStatus instanceStatus() {
        return instanceStatus;
    }

    public List<CommandListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Every command class, in help order. */
    public List<Class<?>> all() {
        List<Class<?>> all = new ArrayList<>();
        groups.values().forEach(all::addAll);
        return all;
    }

    /** Command names and aliases → class. */
    public Map<String, Class<?>> byName() {
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
    public Optional<String> closest(String word) {
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
