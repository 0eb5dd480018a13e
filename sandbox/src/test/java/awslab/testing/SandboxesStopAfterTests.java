package awslab.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops, when a test run ends, every sandbox service this test JVM started and left running. A
 * sandbox outlives the shell that starts it (as users want), so a test whose one-shot or script
 * run used the sandbox target leaves one behind, idle for hours, unless it stops it itself.
 * Registered for every test run through {@code META-INF/services} (this module's tests and,
 * through its tests jar, the shell's).
 *
 * <p>A sandbox is run by {@code setsid}, which keeps its process id: one this JVM started stays
 * its descendant until this JVM ends, and nobody else's is touched. One started by a shell the
 * tests ran as a process of its own (through a terminal) is no descendant once that shell ended:
 * those tests stop theirs.
 */
public final class SandboxesStopAfterTests implements LauncherSessionListener {
    /** The sandbox's main class as a word of its command line (not its instances' InstanceMain). */
    private static final Pattern SANDBOX_MAIN = Pattern.compile("\\sawslab\\.sandbox\\.Main(\\s|$)");
    private static final Duration GRACE = Duration.ofSeconds(15);

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<ProcessHandle> left = sandboxesLeft();
        if (left.isEmpty()) {
            return;
        }
        System.err.println("Stopping " + left.size() + " sandbox(es) the tests left running: " + left.stream().map(ProcessHandle::pid).toList());
        left.forEach(ProcessHandle::destroy); // SIGTERM: the sandbox saves and ends its instances
        Instant deadline = Instant.now().plus(GRACE);
        for (ProcessHandle sandbox : left) {
            long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            sandbox.onExit().completeOnTimeout(sandbox, remaining, TimeUnit.MILLISECONDS).join();
            if (sandbox.isAlive()) {
                sandbox.destroyForcibly();
            }
        }
    }

    /** The sandbox services among this JVM's descendants. */
    static List<ProcessHandle> sandboxesLeft() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> SANDBOX_MAIN.matcher(CommandLines.of(p)).find())
                .toList();
    }
}
