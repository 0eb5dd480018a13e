package awslab.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's whole command line. {@code ProcessHandle.Info.commandLine()} cuts it at 4,096
 * characters on Linux: a JVM started with a test class path (6,000 and more) loses its main class
 * and arguments there, so a test looking for {@code --home DIR} would find nothing.
 */
public final class CommandLines {
    private CommandLines() {}

    /** The arguments joined by spaces, read whole from {@code /proc} where there is one; "" when unknown. */
    public static String of(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().orElse(""); // no /proc (macOS), or the process is gone
        }
    }
}
