package awslab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.api.Progress;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshSessionsTest {
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestSshServer server;
    private final List<String> steps = new ArrayList<>();
    private SshSessions sessions;

    @BeforeEach
    void startServer() {
        server = TestSshServer.start(dir);
        Progress recording = (key, args) -> steps.add(key + " " + List.of(args));
        sessions = new SshSessions(HostKeys.in(new awslab.state.StateFiles(damage -> {}), dir.resolve("state")), recording, Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void runsACommandWithItsOutputErrorsAndExitCode() throws IOException {
        assertTrue(Files.readString(server.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----"), "a key like labsuser.pem");
        RemoteShell.CommandResult result = sessions.run(server.target("i-1"), server.privateKey(),
                "echo hello; echo oops >&2; exit 7", QUICK);
        assertEquals(7, result.exitCode());
        assertEquals("hello\n", result.stdout());
        assertEquals("oops\n", result.stderr());
    }

    @Test
    void streamsACommandsOutputAndReturnsItsExitCode() {
        StringWriter out = new StringWriter();
        try (RemoteShell shell = sessions.open(server.target("i-1"), server.privateKey())) {
            assertEquals(0, shell.exec("printf 'été\\n'; uname -s", out));
            assertEquals(3, shell.exec("exit 3", out));
        }
        assertEquals("été\nLinux\n", out.toString());
    }

    @Test
    void aCommandInterruptedWithCtrlCEndsAtOnce() throws Exception {
        StringWriter out = new StringWriter();
        try (RemoteShell shell = sessions.open(server.target("i-1"), server.privateKey())) {
            java.util.concurrent.CompletableFuture<Integer> code =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> shell.exec("echo started; sleep 30; echo late", out));
            for (int i = 0; i < 100 && !out.toString().contains("started"); i++) {
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            shell.interruptCommand();
            assertEquals(RemoteShell.INTERRUPTED, code.get(10, TimeUnit.SECONDS));
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
            assertFalse(out.toString().contains("late"), out.toString());
            assertEquals(0, shell.run("true", QUICK).exitCode(), "the connection is still usable");
        }
    }

    @Test
    void ctrlCWhileConnectingGivesUpAtOnceWithItsOwnLine() throws Exception {
        // A port that accepts and then says nothing: the SSH handshake would wait its whole timeout.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SshTarget target = new SshTarget("i-silent", "127.0.0.1", silent.getLocalPort(), "ubuntu", "vockey");
            SshSessions slow = new SshSessions(sessions.hostKeys(), awslab.api.Progress.SILENT, Duration.ofMinutes(5));
            java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
            Thread connecting = new Thread(() -> {
                try {
                    slow.open(target, server.privateKey()).close();
                    failure.complete(null);
                } catch (Throwable e) {
                    failure.complete(e);
                }
            });
            connecting.start();
            try (java.net.Socket accepted = silent.accept()) {
                connecting.interrupt(); // what Ctrl-C does to the command's thread
                Throwable e = failure.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(e instanceof awslab.api.Interruption, String.valueOf(e));
                assertEquals("msg.interrupted.ssh", ((UserException) e).key());
            }
        }
    }

    @Test
    void learnsTheHostKeyOnFirstUseAndTellsItsFingerprint() {
        sessions.run(server.target("i-1"), server.privateKey(), "true", QUICK);
        assertEquals(1, steps.size(), steps.toString());
        assertTrue(steps.get(0).startsWith("msg.ssh.hostKey.learned [i-1, SHA256:"), steps.toString());
        sessions.run(server.target("i-1"), server.privateKey(), "true", QUICK);
        assertEquals(1, steps.size(), "a known key is not announced again: " + steps);
    }

    @Test
    void refusesAnotherHostKeyForTheSameInstanceUntilForgotten() throws IOException {
        sessions.run(server.target("i-1"), server.privateKey(), "true", QUICK);
        server.close();
        server = TestSshServer.start(dir, dir.resolve("other-host-key.ser"));
        UserException e = assertThrows(UserException.class,
                () -> sessions.run(server.target("i-1"), server.privateKey(), "true", QUICK));
        assertEquals("err.ssh.hostKey.mismatch", e.key());
        assertEquals("i-1", e.args()[0]);

        assertTrue(sessions.hostKeys().forget("i-1", "127.0.0.1", server.port()));
        assertEquals(0, sessions.run(server.target("i-1"), server.privateKey(), "true", QUICK).exitCode());
    }

    @Test
    void aNewInstanceAtAnAddressAnotherHadIsLearnedAndExplained() throws IOException {
        sessions.run(server.target("i-old"), server.privateKey(), "true", QUICK);
        server.close();
        server = TestSshServer.start(dir, dir.resolve("other-host-key.ser"));
        // Same port is not guaranteed with port 0, so the old entry is moved to the new port first.
        HostKeys keys = sessions.hostKeys();
        String file = Files.readString(keys.file()).replaceAll(" 127\\.0\\.0\\.1 \\d+ ", " 127.0.0.1 " + server.port() + " ");
        Files.writeString(keys.file(), file);

        sessions.run(server.target("i-new"), server.privateKey(), "true", QUICK);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("msg.ssh.hostKey.replaced [127.0.0.1, i-old, i-new]")), steps.toString());
        assertTrue(keys.knownFingerprint("i-new").isPresent());
        assertTrue(keys.knownFingerprint("i-old").isEmpty());
    }

    @Test
    void aWrongKeyNamesTheInstancesKeyPair() {
        Path wrong = TestSshServer.otherKey(dir.resolve("wrong.pem"));
        UserException e = assertThrows(UserException.class, () -> sessions.run(server.target("i-1"), wrong, "true", QUICK));
        assertEquals("err.ssh.auth.keyPair", e.key());
        assertEquals("vockey", e.args()[1]);
        assertEquals(wrong, e.args()[2]);
    }

    @Test
    void aClosedPortIsARefusedConnection() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SshTarget target = new SshTarget("i-1", "127.0.0.1", closed, "ubuntu");
        UserException e = assertThrows(UserException.class, () -> sessions.run(target, server.privateKey(), "true", QUICK));
        assertEquals("err.ssh.refused", e.key());
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheBound() throws IOException {
        // A listening socket that is never accepted: the kernel completes the TCP handshake, no SSH banner ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshTarget target = new SshTarget("i-1", "127.0.0.1", silent.getLocalPort(), "ubuntu");
            long start = System.nanoTime();
            UserException e = assertThrows(UserException.class, () -> sessions.run(target, server.privateKey(), "true", QUICK));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals("err.ssh.timeout", e.key(), "no banner ever came: no answer, as a security group's drop looks");
            assertTrue(seconds < 8, "took " + seconds + " s");
        }
    }

    @Test
    void aFullBacklogIsAConnectTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                // Linux queues backlog+1 handshakes; later SYNs are dropped, so the next connect waits.
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 300);
                        fillers.add(s);
                    } catch (IOException timedOut) {
                        s.close();
                        break;
                    }
                }
                SshTarget target = new SshTarget("i-1", "127.0.0.1", full.getLocalPort(), "ubuntu");
                UserException e = assertThrows(UserException.class, () -> sessions.run(target, server.privateKey(), "true", QUICK));
                assertEquals("err.ssh.timeout", e.key());
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void keyFilesThatCannotBeUsedAreExplained() throws Exception {
        Path garbage = Files.writeString(dir.resolve("notakey.pem"), "hello\n");
        assertEquals("err.ssh.key.invalid", assertThrows(UserException.class,
                () -> sessions.open(server.target("i-1"), garbage)).key());
        assertEquals("err.ssh.key.unreadable", assertThrows(UserException.class,
                () -> sessions.open(server.target("i-1"), dir.resolve("missing.pem"))).key());

        Path encrypted = dir.resolve("encrypted.pem");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "secret", "-f",
                encrypted.toString()).redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS), "ssh-keygen (Debian package openssh-client) must be installed");
        assertEquals(0, keygen.exitValue(), new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("err.ssh.key.encrypted", assertThrows(UserException.class,
                () -> sessions.open(server.target("i-1"), encrypted)).key());
    }
}
