package awslab.sandbox;

import java.nio.file.Path;

/**
 * A process that starts the sandbox service of a state directory, as the shell does, prints its
 * endpoint and exits at once: the sandbox must go on serving without it.
 */
public final class StartAndLeaveMain {
    private StartAndLeaveMain() {}

    public static void main(String[] args) throws Exception {
        SandboxClient sandbox = SandboxClient.start(Path.of(args[0]), SandboxTesting.launch());
        System.out.println("ENDPOINT " + sandbox.endpoint());
    }
}
