package awslab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and ends what an earlier sandbox on the same state directory left running. Instances die
 * with their sandbox on their own (their JVM halts when its pipe closes; the {@link ProcessReaper}
 * ends SSH sessions), but should both the sandbox and its reaper be killed outright, their
 * processes would live on, unowned. So every process the sandbox starts carries its mark — the
 * variable {@value #VARIABLE} in its environment (inherited by whatever it starts in turn, a
 * {@code nohup} loop included) and, for the web services, the system property {@value #PROPERTY}
 * on their command line — and a sandbox, once it holds its state directory's lock (so no live
 * sandbox owns them), ends every process bearing its mark before it brings its instances back.
 *
 * <p>Linux reads every process's environment in {@code /proc}; elsewhere only the command lines
 * the JDK can see are searched (the web services; SSH sessions end with the sandbox there anyway,
 * as plain children).
 *
 * <pre>
 * int ended = OrphanSweep.sweep(OrphanSweep.marker(config.home()));
 * </pre>
 */
final class OrphanSweep {
    /** The environment variable every process of a sandbox carries: its home directory. */
    static final String VARIABLE = "AWSLAB_SANDBOX";
    /** The system property on an instance's web-service JVM command line: its sandbox's home directory. */
    static final String PROPERTY = "awslab.sandbox";
    private static final System.Logger LOG = System.getLogger(OrphanSweep.class.getName());
    private static final Path PROC = Path.of("/proc");

    private OrphanSweep() {}

    /** The mark of the sandbox whose files are in {@code home}: that folder, absolute. */
    static String marker(Path home) {
        return home.toAbsolutePath().normalize().toString();
    }

    /** Ends every process bearing this mark (never this process); returns how many there were. */
    static int sweep(String marker) {
        List<ProcessHandle> orphans = find(marker);
        for (ProcessHandle orphan : orphans) {
            LOG.log(System.Logger.Level.WARNING, "ending process " + orphan.pid() + " left running by an earlier sandbox: "
                    + orphan.info().commandLine().orElse("?"));
            orphan.destroyForcibly();
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "process " + orphan.pid() + " did not end within 5 s");
            }
        }
        return orphans.size();
    }

    /** The live processes bearing this mark, this one excepted. */
    static List<ProcessHandle> find(String marker) {
        long self = ProcessHandle.current().pid();
        byte[] variable = (VARIABLE + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
        String property = "-D" + PROPERTY + "=" + marker;
        List<ProcessHandle> found = new ArrayList<>();
        boolean proc = Files.isDirectory(PROC);
        ProcessHandle.allProcesses().filter(p -> p.pid() != self && p.isAlive()).forEach(p -> {
            if (proc ? environmentHolds(p.pid(), variable) || commandLineHolds(p, property) : commandLineHolds(p, property)) {
                found.add(p);
            }
        });
        return found;
    }

    private static boolean commandLineHolds(ProcessHandle process, String property) {
        return process.info().commandLine().map(line -> line.contains(property + " ") || line.endsWith(property)).orElse(false);
    }

    /** Whether {@code /proc/PID/environ} (NUL-separated) holds this entry; false when unreadable (another user's). */
    private static boolean environmentHolds(long pid, byte[] entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        outer:
        for (int start = 0; start + entry.length <= environ.length; start++) {
            if (start > 0 && environ[start - 1] != 0) {
                continue;
            }
            for (int i = 0; i < entry.length; i++) {
                if (environ[start + i] != entry[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
