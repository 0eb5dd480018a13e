package awslab.lesson.demo;

/**
 * Runs one line as if the user had typed it at the prompt: a shell command or a Java snippet.
 * The shell provides it; the demo and the lesson playthrough test use it.
 *
 * <pre>
 * int exitCode = runner.run("fleet create");
 * </pre>
 */
@FunctionalInterface
public interface CommandRunner {
    /** Runs {@code line}; returns its exit code (0 for success). Never throws for a user error. */
    int run(String line);
}
