package awslab.lesson;

import java.util.List;
import java.util.Optional;

/**
 * One step of a lesson: what the student does and the checkpoint that proves it was done.
 *
 * <pre>
 * step launch
 *   run launch
 *   check instance-running
 * </pre>
 *
 * @param id the step's id, also the {@code ## id} section of {@code fr.md} / {@code en.md}
 * @param kind whether the student types a shell command, a Java snippet, or only reads
 * @param line the command line or Java snippet to type (empty for {@link Kind#READ})
 * @param checkpoint the id of the checkpoint that proves the step, empty when none does
 */
public record Step(String id, Kind kind, String line, Optional<String> checkpoint) {

    /** What the student types for this step. */
    public enum Kind {
        /** A shell command, e.g. {@code fleet create}: the engine verifies when it was run. */
        COMMAND,
        /** A Java snippet evaluated by JShell: the student types {@code check} (or {@code next}) after it. */
        JAVA,
        /** Nothing to type: the student reads, then types {@code next} (or {@code check} when it has a checkpoint). */
        READ
    }

    public Step {
        if (kind == Kind.READ && !line.isEmpty()) {
            throw new IllegalArgumentException("a read step has no command: " + id);
        }
        if (kind != Kind.READ && line.isBlank()) {
            throw new IllegalArgumentException("step " + id + " has an empty command");
        }
    }

    /** The words of a shell command line, quotes removed ({@code launch --name "a b"} → 3 words). */
    public List<String> words() {
        return kind == Kind.COMMAND ? awslab.api.LineSplitter.split(line) : List.of();
    }

    /**
     * Whether the command the shell just ran is this step's command: the command path (e.g.
     * {@code [fleet, create]}) is the start of this step's words. Arguments may differ (the
     * student may name another instance).
     */
    public boolean isRunBy(List<String> commandPath) {
        List<String> words = words();
        return !commandPath.isEmpty()
                && commandPath.size() <= words.size()
                && words.subList(0, commandPath.size()).equals(commandPath)
                && (words.size() == commandPath.size() || !isCommandWord(words.get(commandPath.size())));
    }

    /**
     * Picocli reports the full command path ({@code [fleet, create]}), so a step word right after a
     * shorter path that looks like a subcommand name means another command ran ({@code fleet}
     * alone, showing its usage). Arguments start with {@code -}, or hold a digit, a dot or a
     * placeholder ({@code i-0abc…}, {@code {instance.id}}).
     */
    private static boolean isCommandWord(String word) {
        return word.matches("[a-z]+(-[a-z]+)*");
    }
}
