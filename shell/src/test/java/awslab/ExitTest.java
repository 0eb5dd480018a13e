package awslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as a process: Java that would keep it from ending (a shutdown hook that never ends)
 * delays {@code exit} by the grace time at most, and says so.
 */
class ExitTest {
    @TempDir
    Path home;

    @Test
    void aShutdownHookThatNeverEndsDoesNotHangExit() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, "awslab.Main", "--lang", "en",
                "--endpoint-url", "http://127.0.0.1:9").redirectErrorStream(true);
        builder.environment().put("AWSLAB_HOME", home.toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process shell = builder.start();
        shell.getOutputStream().write(("Runtime.getRuntime().addShutdownHook(new Thread(() -> { while (true) { } }));\n"
                + "1 + 1\nexit\n").getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().close();
        assertTrue(shell.waitFor(90, TimeUnit.SECONDS), "the shell ended");
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("==> 2"), out);
        assertTrue(out.contains("a shutdown hook did not end within 3\u00a0s"), out);
        assertEquals(0, shell.exitValue(), out);
        List<ProcessHandle> left = shell.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
        assertTrue(left.isEmpty(), "nothing left running: " + left);
    }
}
