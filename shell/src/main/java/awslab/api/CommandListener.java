package awslab.api;

import java.util.List;

/**
 * Told after each command the shell runs (interactive, scripted or one-shot), so the lesson
 * engine can verify the current step's checkpoint when its command was run.
 */
public interface CommandListener {

    /**
     * @param command the command path, e.g. {@code ["fleet", "create"]} or {@code ["launch"]}
     * @param args the arguments after the command path, as typed
     * @param exitCode the command's exit code (0 for success)
     */
    void afterCommand(List<String> command, List<String> args, int exitCode);
}
