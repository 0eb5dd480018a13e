package awslab.ssh;

import awslab.i18n.AwsWord;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.api.InstanceNames;
import awslab.lab.IngressRules;
import awslab.lab.LabNames;
import awslab.lab.PublicAddressLookup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jline.terminal.Terminal;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code ssh [INSTANCE] [-- CMD…]}: an interactive session on a lab instance as {@code ubuntu},
 * bridged to the terminal, or one command whose exit code becomes the command's.
 *
 * <pre>
 * awslab&gt; ssh
 * awslab&gt; ssh ma-premiere-instance -- uname -a
 * awslab&gt; ssh --forget-host-key i-0123456789abcdef0
 * </pre>
 */
@Command(name = "ssh")
public final class SshCommand extends BaseCommand {
    /** A refused or silent SSH port this soon after launch means "still booting", said as such. */
    static final Duration BOOT_GRACE = Duration.ofMinutes(3);
    private static final Set<String> NOT_READY_YET = Set.of("err.ssh.refused", "err.ssh.timeout", "err.ssh.handshake");
    /** The connect timeout on a local cloud (the sandbox): short, so a dropped connection is told soon. */
    static final Duration LOCAL_CONNECT_TIMEOUT = Duration.ofSeconds(4);

    @Option(names = "--key", paramLabel = "PATH", descriptionKey = "help.ssh.option.key")
    Path key;

    @Option(names = "--user", defaultValue = LabNames.SSH_USER, descriptionKey = "help.ssh.option.user")
    String user;

    @Option(names = "--port", descriptionKey = "help.ssh.option.port")
    Integer port;

    @Option(names = "--forget-host-key", descriptionKey = "help.ssh.option.forget-host-key")
    boolean forgetHostKey;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.ssh.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Parameters(index = "1..*", paramLabel = "CMD", descriptionKey = "help.ssh.param.command")
    List<String> command = List.of();

    @Spec
    CommandSpec spec;

    @Override
    protected int doCall() {
        splitAtDoubleDash();
        Instance found = new LabInstanceLookup(ctx().clients().ec2()).find(instance);
        HostKeys hostKeys = HostKeys.in(ctx().files(), ctx().stateDir());
        if (forgetHostKey) {
            return forget(hostKeys, found);
        }
        requireRunning(found);
        SshTarget target = target(found);
        Optional<Terminal> terminal = ctx().terminal();
        if (command.isEmpty() && terminal.isEmpty()) {
            throw new UserException("err.ssh.noTerminal", found.instanceId());
        }
        Path keyFile = keyFile(found.keyName());
        ctx().progress().step("msg.ssh.connecting", found.instanceId(), target.display(), keyFile);
        SshSessions sessions = new SshSessions(hostKeys, ctx().progress(), connectTimeout(), hostKeyPrompt(terminal));
        try (RemoteShell shell = open(sessions, target, keyFile, found)) {
            // Ctrl-C while connecting: never hand the terminal to a session nobody waits for.
            Interruption.check();
            if (!command.isEmpty()) {
                return execute(shell, terminal);
            }
            int exitCode = shell.interactive(terminal.get(), ctx().messages().language().code());
            ctx().progress().step("msg.ssh.closed", target.display(), exitCode);
            return exitCode;
        }
    }

    /**
     * How long to wait for an answer: AWS's instances are across the internet; a local cloud's
     * answer at once when they answer at all, so a dropped connection is told in seconds.
     */
    private Duration connectTimeout() {
        boolean local = ctx().clients().ec2().serviceClientConfiguration().endpointOverride().isPresent();
        return local ? LOCAL_CONNECT_TIMEOUT : SshSessions.CONNECT_TIMEOUT;
    }

    /** At a terminal, a new host key is shown and must be accepted, as OpenSSH asks; scripts accept new keys and say so. */
    private SshSessions.HostKeyPrompt hostKeyPrompt(Optional<Terminal> terminal) {
        if (terminal.isEmpty()) {
            return SshSessions.HostKeyPrompt.ACCEPT_NEW;
        }
        return (instanceId, host, keyType, fingerprint) -> ctx().confirm("msg.ssh.hostKey.confirm", host, instanceId, keyType, fingerprint);
    }

    /** One command; Ctrl-C on the terminal, if any, interrupts it rather than the shell. */
    private int execute(RemoteShell shell, Optional<Terminal> terminal) {
        Terminal.SignalHandler previous = terminal.map(t -> t.handle(Terminal.Signal.INT, s -> shell.interruptCommand())).orElse(null);
        try {
            return shell.exec(String.join(" ", command), ctx().out());
        } finally {
            terminal.ifPresent(t -> t.handle(Terminal.Signal.INT, previous));
        }
    }

    /** In {@code ssh -- uname -a} picocli takes {@code uname} for the instance: it belongs to the command. */
    private void splitAtDoubleDash() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int doubleDash = original.indexOf("--");
        if (instance != null && doubleDash >= 0 && !original.subList(0, doubleDash).contains(instance)) {
            List<String> whole = new ArrayList<>();
            whole.add(instance);
            whole.addAll(command);
            command = whole;
            instance = null;
        }
    }

    private int forget(HostKeys hostKeys, Instance found) {
        String host = null;
        int sshPort = 22;
        Optional<InetSocketAddress> address = ctx().reachability().ssh(found.instanceId(), found.publicIpAddress());
        if (address.isPresent()) {
            host = address.get().getHostString();
            sshPort = address.get().getPort();
        }
        boolean known = hostKeys.forget(found.instanceId(), host, port != null ? port : sshPort);
        ctx().out().println(ctx().messages().get(known ? "msg.ssh.hostKey.forgotten" : "msg.ssh.hostKey.notKnown", found.instanceId()));
        return 0;
    }

    private static void requireRunning(Instance found) {
        InstanceStateName state = found.state().name();
        if (state == InstanceStateName.TERMINATED || state == InstanceStateName.SHUTTING_DOWN) {
            throw new UserException("err.ssh.instance.terminated", found.instanceId());
        }
        if (state == InstanceStateName.PENDING) {
            throw new UserException("err.ssh.instance.pending", found.instanceId());
        }
        if (state != InstanceStateName.RUNNING) {
            throw new UserException("err.ssh.instance.notRunning", found.instanceId(), AwsWord.state(found.state().nameAsString()));
        }
    }

    /** Where the target says the instance's SSH server is; never an address an emulator made up. */
    private SshTarget target(Instance found) {
        Optional<InetSocketAddress> address = ctx().reachability().ssh(found.instanceId(), found.publicIpAddress());
        if (address.isEmpty()) {
            throw new UserException(found.publicIpAddress() == null ? "err.ssh.instance.noPublicIp" : "err.ssh.notReachable",
                    found.instanceId());
        }
        InetSocketAddress at = port == null ? address.get()
                : InetSocketAddress.createUnresolved(address.get().getHostString(), port);
        return SshTarget.of(found.instanceId(), at, user, found.keyName());
    }

    /** The key file, made private first if the user agrees (OpenSSH would refuse it otherwise). */
    private Path keyFile(String keyPairName) {
        Path file = KeyLocator.defaults(ctx().stateDir()).locate(key, keyPairName);
        if (KeyLocator.tooOpen(file) && ctx().confirm("msg.ssh.key.fix", file.toAbsolutePath())) {
            KeyLocator.restrict(file);
            ctx().out().println(ctx().messages().get("msg.ssh.key.fixed", file.toAbsolutePath()));
        }
        KeyLocator.requirePrivate(file);
        return file;
    }

    /**
     * A connection that got no answer, explained: when the instance's groups have no rule letting
     * SSH in from the student's address (AWS, like the sandbox, then drops it), which rule to add;
     * otherwise the original explanation.
     */
    static UserException explainSilence(Ec2Client ec2, Instance instance, UserException e) {
        if (!"err.ssh.timeout".equals(e.key()) && !"err.ssh.handshake".equals(e.key())) {
            return e;
        }
        Optional<String> caller = PublicAddressLookup.forTarget(ec2).callerAddress();
        return IngressRules.missing(ec2, instance, 22, caller)
                .map(missing -> new UserException(e.getCause(), "err.ssh.blocked", missing.instanceId(), missing.groupId(),
                        caller.orElse("?"), missing.command()))
                .orElse(e);
    }

    private RemoteShell open(SshSessions sessions, SshTarget target, Path keyFile, Instance found) {
        try {
            return sessions.open(target, keyFile);
        } catch (UserException caught) {
            UserException e = explainSilence(ctx().clients().ec2(), found, caught);
            if (e != caught) {
                throw e;
            }
            Instant launched = found.launchTime();
            if (NOT_READY_YET.contains(e.key()) && launched != null) {
                Duration since = Duration.between(launched, Instant.now());
                if (!since.isNegative() && since.compareTo(BOOT_GRACE) < 0) {
                    throw new UserException(e.getCause(), "err.ssh.booting", found.instanceId(), since.toSeconds());
                }
            }
            throw e;
        }
    }
}
