package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Background jobs really run on the (local) SSH server, so their processes can be seen from here. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackgroundJobTest {
    private static final String BURN = "while : ; do : ; done";

    @TempDir
    Path dir;

    private TestSshServer server;
    private SshSessions sessions;
    private SshTarget target;

    @BeforeEach
    void startServer() {
        server = TestSshServer.start(dir);
        sessions = new SshSessions(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")), Progress.SILENT, Duration.ofSeconds(5));
        target = server.target("i-burn");
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void startsABoundedJobThatOutlivesTheConnectionAndStopsItOnDemand() throws Exception {
        RemoteShell.BackgroundJob job = sessions.startBackground(target, server.privateKey(), "burn-cpu", BURN, Duration.ofSeconds(30));
        assertFalse(job.alreadyRunning());
        Path pidFile = server.home().resolve(".awslab/burn-cpu.pid");
        assertEquals(String.valueOf(job.pid()), Files.readString(pidFile).strip());
        ProcessHandle timeout = ProcessHandle.of(job.pid()).orElseThrow();
        assertTrue(timeout.isAlive(), "the job survives the SSH connection that started it");
        assertTrue(timeout.info().command().orElse("").endsWith("timeout"), timeout.info().toString());
        ProcessHandle loop = waitFor(() -> timeout.children().findFirst(), "the looping sh under timeout");
        assertTrue(sessions.isBackgroundRunning(target, server.privateKey(), "burn-cpu"));

        RemoteShell.BackgroundJob again = sessions.startBackground(target, server.privateKey(), "burn-cpu", BURN, Duration.ofSeconds(30));
        assertTrue(again.alreadyRunning());
        assertEquals(job.pid(), again.pid());

        assertTrue(sessions.stopBackground(target, server.privateKey(), "burn-cpu"));
        assertGone(timeout);
        assertGone(loop);
        assertFalse(Files.exists(pidFile));
        assertFalse(sessions.isBackgroundRunning(target, server.privateKey(), "burn-cpu"));
        assertFalse(sessions.stopBackground(target, server.privateKey(), "burn-cpu"), "nothing left to stop");
    }

    @Test
    void aJobStopsByItselfAtItsLimit() throws Exception {
        RemoteShell.BackgroundJob job = sessions.startBackground(target, server.privateKey(), "short", BURN, Duration.ofSeconds(2));
        ProcessHandle timeout = ProcessHandle.of(job.pid()).orElseThrow();
        ProcessHandle loop = waitFor(() -> timeout.children().findFirst(), "the looping sh under timeout");
        assertGone(timeout);
        assertGone(loop);
        assertFalse(sessions.isBackgroundRunning(target, server.privateKey(), "short"));
    }

    @Test
    void aCommandWithQuotesAndSeveralProcessesIsStoppedWhole() throws Exception {
        String twoLoops = "for i in 1 2; do (while : ; do : ; done) & done; echo 'it''s running' > \"$HOME/out\"; wait";
        RemoteShell.BackgroundJob job = sessions.startBackground(target, server.privateKey(), "two", twoLoops, Duration.ofSeconds(30));
        ProcessHandle timeout = ProcessHandle.of(job.pid()).orElseThrow();
        waitFor(() -> Files.exists(server.home().resolve("out")) ? Optional.of(true) : Optional.empty(), "the job's output file");
        assertEquals("its running", Files.readString(server.home().resolve("out")).strip());
        var all = timeout.descendants().toList();
        assertTrue(all.size() >= 3, "sh and its two loops: " + all);
        assertTrue(sessions.stopBackground(target, server.privateKey(), "two"));
        assertGone(timeout);
        for (ProcessHandle p : all) {
            assertGone(p);
        }
    }

    private static <T> T waitFor(java.util.function.Supplier<Optional<T>> probe, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not seen within 5 s: " + what);
    }

    /** Gone, or a zombie waiting for a parent that does not reap (the test machine's init may not). */
    private static void assertGone(ProcessHandle process) throws Exception {
        BooleanSupplier gone = () -> !process.isAlive() || zombie(process.pid());
        for (int i = 0; i < 100 && !gone.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(gone.getAsBoolean(), "process " + process.pid() + " still runs: " + process.info());
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return true; // no /proc entry: gone
        }
    }
}
