package awslab.api;

import java.util.function.Supplier;

/**
 * What the shell knows of its features: filled once, by the composition root
 * ({@code awslab.Wiring}), read by the REPL. A feature never registers itself and never sees
 * the REPL; the shell never names a feature.
 *
 * <pre>
 * registry.command("help.group.lab", LaunchCommand.class)                // help lists it in this group
 *         .factory(CleanupCommand.class, () -&gt; new CleanupCommand(pacer))  // built with its parts
 *         .factory(InstanceNames.class, () -&gt; new InstanceNames(candidates))
 *         .status(new LabStatus())                                        // a section of status
 *         .instanceStatus(new InstancesStatus()::render)                  // status INSTANCE
 *         .listener(lessonEngine);                                        // told after each command
 * </pre>
 */
public interface ShellRegistry {

    /**
     * A command: a picocli {@code @Command} class, usually a {@link BaseCommand}, listed by
     * {@code help} in the group titled {@code helpGroupKey} (groups and commands in the order
     * registered). Built with its no-argument constructor unless a {@link #factory} is given.
     */
    ShellRegistry command(String helpGroupKey, Class<?> type);

    /**
     * How picocli builds {@code type} (a command, a subcommand or a completion source such as
     * {@link InstanceNames}) from the shell's parts: constructor injection, no static wiring.
     */
    <T> ShellRegistry factory(Class<T> type, Supplier<? extends T> create);

    /** A section of {@code status}, shown in the order registered. */
    ShellRegistry status(StatusSection section);

    /** What {@code status INSTANCE} shows. */
    ShellRegistry instanceStatus(InstanceStatus status);

    /** Told after every command (interactive, scripted or one-shot). */
    ShellRegistry listener(CommandListener listener);
}
