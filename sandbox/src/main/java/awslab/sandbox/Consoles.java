package awslab.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each instance's serial console shows (EC2's {@code GetConsoleOutput}): its boots, and
 * at each boot the setup of the lab web service in the lines the lab's user data writes on a
 * real instance ({@code awslab-setup: phase=NAME t=SECONDSs [key=value ...] [-- text]}, the
 * contract of the shell's {@code awslab.lab.SetupProgress}), so the shell follows a sandbox
 * instance's setup as it follows a real one. Honestly: the sandbox runs
 * no apt and no user data; its lines say so ({@code sandbox=true}), and say where the web
 * service really listens. Like EC2's, a console keeps the last 64 KiB.
 *
 * <pre>
 * consoles.booting(id);                 // pending: a new boot begins
 * consoles.booted(id, healthy, port, log, keys); // host keys, then the web service answered (or not: the log's end)
 * String text = consoles.output(id);
 * </pre>
 */
final class Consoles {
    private static final int LIMIT = 64 * 1024;
    /** As many lines of the log as the user data copies to the console when it fails. */
    private static final int LOG_LINES = 25;

    private record Console(StringBuilder text, Instant bootedAt) {}

    private final Map<String, Console> consoles = new ConcurrentHashMap<>();

    /** A new boot: the kernel's first line and the setup's first phases. */
    void booting(String instanceId) {
        Instant now = Instant.now();
        Console previous = consoles.get(instanceId);
        Console console = new Console(previous == null ? new StringBuilder() : previous.text(), now);
        consoles.put(instanceId, console);
        append(console, "[    0.000000] Linux version 6.8.0-1031-aws (awslab sandbox: this instance is a process on your computer)");
        append(console, "Cloud-init v. 24.4.1 running 'modules:final' at " + now + ".");
        phase(console, "begin", "sandbox=true", "setting up the lab web service (the sandbox runs no user data: it starts the"
                + " service itself)");
        phase(console, "java", "sandbox=true", "no apt in the sandbox: the instance uses the Java of the computer it runs on");
        phase(console, "libraries", "sandbox=true", "nothing to fetch: the libraries come with the sandbox");
        phase(console, "compile", "sandbox=true", "nothing to compile: the sandbox runs the web service already compiled");
        phase(console, "service", "sandbox=true", "starting the web service");
    }

    /** The end of a boot: the web service answered its health check, or did not in time. */
    void booted(String instanceId, boolean healthy, int webPort, Path serviceLog, List<String> hostKeys) {
        Console console = consoles.get(instanceId);
        if (console == null) {
            return;
        }
        if (!hostKeys.isEmpty()) { // as cloud-init prints them, so that the first ssh's question can be checked
            append(console, "-----BEGIN SSH HOST KEY FINGERPRINTS-----");
            hostKeys.forEach(line -> append(console, line));
            append(console, "-----END SSH HOST KEY FINGERPRINTS-----");
        }
        if (healthy) {
            phase(console, "started", "sandbox=true port=" + webPort, "the web service answers (port 80 on AWS; in the sandbox"
                    + " http://127.0.0.1:" + webPort + "/)");
        } else {
            phase(console, "failed", "during=service exit=1 sandbox=true", "the web service did not answer in time");
            lastLines(serviceLog).forEach(line -> append(console, "awslab-setup: log| " + line));
        }
        append(console, "Cloud-init v. 24.4.1 finished at " + Instant.now() + ". Up "
                + Duration.between(console.bootedAt(), Instant.now()).toMillis() / 1000.0 + " seconds");
    }

    /** A stop or a reboot: the machine shuts down (its console stays, as EC2 keeps it). */
    void shuttingDown(String instanceId) {
        Console console = consoles.get(instanceId);
        if (console != null) {
            append(console, "[  OK  ] Reached target reboot.target or poweroff.target - System shutdown.");
        }
    }

    void forget(String instanceId) {
        consoles.remove(instanceId);
    }

    /** The console's text, or empty when the instance never booted in this sandbox's life. */
    String output(String instanceId) {
        Console console = consoles.get(instanceId);
        if (console == null) {
            return "";
        }
        synchronized (console.text()) {
            return console.text().toString();
        }
    }

    /** The last lines of the web service's log (what the user data's own log shows on a real instance). */
    private static List<String> lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private static void phase(Console console, String phase, String details, String text) {
        long seconds = Duration.between(console.bootedAt(), Instant.now()).toSeconds();
        append(console, "awslab-setup: phase=" + phase + " t=" + seconds + "s " + details + " -- " + text);
    }

    private static void append(Console console, String line) {
        StringBuilder text = console.text();
        synchronized (text) {
            text.append(line).append('\n');
            if (text.length() > LIMIT) {
                text.delete(0, text.length() - LIMIT);
            }
        }
    }
}
