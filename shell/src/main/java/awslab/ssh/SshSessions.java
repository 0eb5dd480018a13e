package awslab.ssh;

import awslab.logging.Background;
import awslab.api.Interruption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import awslab.api.UserException;
import awslab.api.Progress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Opens SSH sessions to lab instances with sshj: loads the key, connects within a bounded time,
 * checks the host key against {@link HostKeys} (trust on first use, told through
 * {@link Progress}), authenticates, and turns every expected failure into a translated
 * {@link UserException} (refused, timed out, wrong key, changed host key, unreadable key).
 *
 * <pre>
 * SshSessions sessions = new SshSessions(HostKeys.in(stateDir), progress);
 * try (RemoteShell shell = sessions.open(target, key)) {
 *     RemoteShell.CommandResult r = shell.run("uname -a", Duration.ofSeconds(30));
 * }
 * sessions.startBackground(target, key, "burn-cpu", "while : ; do : ; done", Duration.ofMinutes(10));
 * sessions.stopBackground(target, key, "burn-cpu");
 * </pre>
 */
public final class SshSessions {
    /** How long to wait for the instance to answer at all. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a quick remote command (a background start or stop, a check) may take. */
    public static final Duration QUICK_COMMAND = Duration.ofSeconds(30);

    /**
     * Asks the student whether to trust an instance's host key the first time it is seen, as
     * OpenSSH asks "Are you sure you want to continue connecting (yes/no)?".
     */
    @FunctionalInterface
    public interface HostKeyPrompt {
        boolean trust(String instanceId, String host, String keyType, String fingerprint);

        /** Trusts a new key without asking and says so (scripts, checkpoints; OpenSSH's {@code accept-new}). */
        HostKeyPrompt ACCEPT_NEW = (instanceId, host, keyType, fingerprint) -> true;
    }

    private final HostKeys hostKeys;
    private final Progress progress;
    private final Duration connectTimeout;
    private final HostKeyPrompt prompt;

    public SshSessions(HostKeys hostKeys, Progress progress) {
        this(hostKeys, progress, CONNECT_TIMEOUT);
    }

    public SshSessions(HostKeys hostKeys, Progress progress, Duration connectTimeout) {
        this(hostKeys, progress, connectTimeout, HostKeyPrompt.ACCEPT_NEW);
    }

    public SshSessions(HostKeys hostKeys, Progress progress, Duration connectTimeout, HostKeyPrompt prompt) {
        this.hostKeys = hostKeys;
        this.progress = progress;
        this.connectTimeout = connectTimeout;
        this.prompt = prompt;
    }

    public HostKeys hostKeys() {
        return hostKeys;
    }

    /**
     * Connects and authenticates; the caller closes the returned shell. A host key seen for the
     * first time is shown to the {@link HostKeyPrompt} with no connection waiting on the answer
     * (the student may take their time), then the connection is made again with it trusted.
     */
    public RemoteShell open(SshTarget target, Path privateKey) {
        try {
            return connectOnce(target, privateKey);
        } catch (UnconfirmedHostKey unconfirmed) {
            if (!prompt.trust(target.instanceId(), target.display(), KeyType.fromKey(unconfirmed.key).toString(),
                    HostKeys.fingerprint(unconfirmed.key))) {
                throw new UserException("err.ssh.hostKey.declined", target.instanceId());
            }
            HostKeys.Check check = hostKeys.check(target.instanceId(), target.host(), target.port(), unconfirmed.key);
            tellLearned(target, check);
            return connectOnce(target, privateKey);
        }
    }

    /** Thrown (inside this class only) when a new host key waits for the student's answer. */
    private static final class UnconfirmedHostKey extends RuntimeException {
        private final transient PublicKey key;

        UnconfirmedHostKey(PublicKey key) {
            super(null, null, false, false);
            this.key = key;
        }
    }

    private RemoteShell connectOnce(SshTarget target, Path privateKey) {
        SSHClient client = new SSHClient();
        KeyProvider key = loadKey(client, privateKey);
        int timeoutMs = (int) connectTimeout.toMillis();
        client.setConnectTimeout(timeoutMs);
        client.setTimeout(timeoutMs); // bounds reading the server banner; sshj's reader thread tolerates it when idle
        client.getTransport().setTimeoutMs(timeoutMs); // also bounds the handshake with a server that answers nothing
        Verifier verifier = new Verifier(target);
        client.addHostKeyVerifier(verifier);
        boolean opened = false;
        try {
            connectAndAuthenticate(client, target, verifier, key, privateKey);
            client.getConnection().getKeepAlive().setKeepAliveInterval(15); // keeps idle NAT mappings open
            opened = true;
            return new RemoteShell(client, target);
        } finally {
            if (!opened) {
                closeQuietly(client);
            }
        }
    }

    /** Runs one command and waits for it (at most {@code timeout}). */
    public RemoteShell.CommandResult run(SshTarget target, Path privateKey, String command, Duration timeout) {
        try (RemoteShell shell = open(target, privateKey)) {
            return shell.run(command, timeout);
        }
    }

    /** See {@link RemoteShell#startBackground}: one connection, then closed. */
    public RemoteShell.BackgroundJob startBackground(SshTarget target, Path privateKey, String name, String command, Duration limit) {
        try (RemoteShell shell = open(target, privateKey)) {
            return shell.startBackground(name, command, limit);
        }
    }

    /** See {@link RemoteShell#stopBackground}: one connection, then closed. */
    public boolean stopBackground(SshTarget target, Path privateKey, String name) {
        try (RemoteShell shell = open(target, privateKey)) {
            return shell.stopBackground(name);
        }
    }

    /** See {@link RemoteShell#isBackgroundRunning}: one connection, then closed. */
    public boolean isBackgroundRunning(SshTarget target, Path privateKey, String name) {
        try (RemoteShell shell = open(target, privateKey)) {
            return shell.isBackgroundRunning(name);
        }
    }

    /**
     * Connects and authenticates on a thread of its own, so that Ctrl-C (which cannot stop a
     * socket's connect) closes the connection and returns at once.
     */
    private void connectAndAuthenticate(SSHClient client, SshTarget target, Verifier verifier, KeyProvider key, Path keyFile) {
        CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> {
            connect(client, target, verifier);
            authenticate(client, target, key, keyFile);
        }, Background.executor("awslab-ssh-connect"));
        try {
            attempt.get();
        } catch (InterruptedException e) {
            closeQuietly(client);
            throw new Interruption(e, "msg.interrupted.ssh");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new UserException(e.getCause(), "err.ssh.lost", target.host(), String.valueOf(e.getCause().getMessage()));
        }
    }

    private void connect(SSHClient client, SshTarget target, Verifier verifier) {
        try {
            client.connect(target.host(), target.port());
        } catch (ConnectException e) {
            throw new UserException(e, "err.ssh.refused", target.host(), target.port());
        } catch (SocketTimeoutException e) {
            throw new UserException(e, "err.ssh.timeout", target.host(), target.port(), connectTimeout.toSeconds());
        } catch (UnknownHostException | NoRouteToHostException e) {
            throw new UserException(e, "err.ssh.unreachable", target.host(), target.port());
        } catch (IOException e) {
            if (verifier.unconfirmed.get() != null) {
                throw new UnconfirmedHostKey(verifier.unconfirmed.get());
            }
            if (hasCause(e, SocketTimeoutException.class)) {
                // the port took the connection but nothing ever answered: how a security group's drop shows on loopback
                throw new UserException(e, "err.ssh.timeout", target.host(), target.port(), connectTimeout.toSeconds());
            }
            HostKeys.Check check = verifier.check.get();
            if (check != null && check.status() == HostKeys.Status.MISMATCH) {
                throw new UserException(e, "err.ssh.hostKey.mismatch", target.instanceId(), target.host(),
                        check.knownFingerprint(), check.fingerprint());
            }
            // The port answered but the SSH server hung up: typical while an instance is still booting.
            throw new UserException(e, "err.ssh.handshake", target.host(), target.port(), String.valueOf(e.getMessage()));
        }
        tellLearned(target, verifier.check.get());
    }

    private void tellLearned(SshTarget target, HostKeys.Check check) {
        if (check != null && check.status() == HostKeys.Status.LEARNED) {
            if (check.previousInstance() != null) {
                progress.step("msg.ssh.hostKey.replaced", target.host(), check.previousInstance(), target.instanceId());
            }
            progress.step("msg.ssh.hostKey.learned", target.instanceId(), check.fingerprint(), hostKeys.file());
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void authenticate(SSHClient client, SshTarget target, KeyProvider key, Path keyFile) {
        try {
            client.authPublickey(target.user(), key);
        } catch (UserAuthException e) {
            if (target.keyPairName() != null) {
                throw new UserException(e, "err.ssh.auth.keyPair", target.instanceId(), target.keyPairName(), keyFile, target.user());
            }
            throw new UserException(e, "err.ssh.auth", target.instanceId(), keyFile, target.user());
        } catch (TransportException e) {
            throw new UserException(e, "err.ssh.lost", target.host(), String.valueOf(e.getMessage()));
        }
    }

    /** Parses the key before connecting, so a bad file is reported at once and precisely. */
    private static KeyProvider loadKey(SSHClient client, Path file) {
        if (!Files.isReadable(file)) {
            throw new UserException("err.ssh.key.unreadable", file.toAbsolutePath());
        }
        AtomicBoolean askedPassword = new AtomicBoolean();
        PasswordFinder noPassword = new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                askedPassword.set(true);
                return null;
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
        try {
            KeyProvider key = client.loadKeys(file.toString(), noPassword);
            key.getPrivate(); // sshj parses lazily; force it now
            return key;
        } catch (IOException | RuntimeException e) {
            if (askedPassword.get()) {
                throw new UserException(e, "err.ssh.key.encrypted", file.toAbsolutePath());
            }
            throw new UserException(e, "err.ssh.key.invalid", file.toAbsolutePath());
        }
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing more to do for a connection that failed anyway
        }
    }

    /** Asks {@link HostKeys}, and keeps its answer so a refusal can be explained after sshj gives up. */
    private final class Verifier implements HostKeyVerifier {
        private final SshTarget target;
        private final AtomicReference<HostKeys.Check> check = new AtomicReference<>();
        private final AtomicReference<PublicKey> unconfirmed = new AtomicReference<>();

        Verifier(SshTarget target) {
            this.target = target;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            if (prompt != HostKeyPrompt.ACCEPT_NEW && hostKeys.knownFingerprint(target.instanceId()).isEmpty()) {
                unconfirmed.set(key); // asked after this connection gives up, so no timeout runs while the student reads
                return false;
            }
            HostKeys.Check result = hostKeys.check(target.instanceId(), target.host(), target.port(), key);
            check.set(result);
            return result.status() != HostKeys.Status.MISMATCH;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of(); // let the server pick; the check is by instance, whatever the key type
        }
    }
}
