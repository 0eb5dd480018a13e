package awslab.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches, every 100 ms, the remote ends of the TCP and UDP sockets held by this JVM and its
 * child processes (Linux {@code /proc}), for tests that must talk to 127.0.0.1 only: a
 * connection anywhere else that lives longer than a sample is caught. A sampler can miss a
 * very short connection, so this guards against mistakes, it does not prove their absence.
 *
 * <pre>
 * try (LoopbackGuard guard = LoopbackGuard.start()) {
 *     ...
 *     assertEquals(Set.of(), guard.elsewhere());
 * }
 * </pre>
 */
public final class LoopbackGuard implements AutoCloseable {
    private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");
    private static final String TCP_LISTEN = "0A";

    private final Set<String> elsewhere = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loopback-guard");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int samples;

    public static LoopbackGuard start() {
        LoopbackGuard guard = new LoopbackGuard();
        guard.timer.scheduleWithFixedDelay(guard::sample, 0, 100, TimeUnit.MILLISECONDS);
        return guard;
    }

    /** The remote addresses (as {@code /proc} writes them) seen that are not loopback. */
    public Set<String> elsewhere() {
        return Set.copyOf(elsewhere);
    }

    public int samples() {
        return samples;
    }

    private void sample() {
        Set<String> inodes = socketInodes();
        for (String table : TABLES) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/net", table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    boolean listening = table.startsWith("tcp") && TCP_LISTEN.equals(f[3]);
                    if (!listening && inodes.contains(f[9]) && !loopbackOrUnset(f[2].split(":")[0])) {
                        elsewhere.add(table + " " + f[2]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a table that cannot be read this time is read next time
            }
        }
        samples++;
    }

    /** {@code /proc}'s hex address: IPv4 in host (little-endian) order, IPv6 as four such words. */
    public static boolean loopbackOrUnset(String hex) {
        if (hex.chars().allMatch(c -> c == '0')) {
            return true;
        }
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000") // ::1
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F")); // ::ffff:127.x.x.x
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).forEach(p -> {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(p.pid()), "fd"))) {
                for (Path fd : fds) {
                    String link = readLink(fd);
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended while being read
            }
        });
        return inodes;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
