package awslab.ssh;

import awslab.i18n.AwsWord;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.api.InstanceNames;
import awslab.lab.IngressRules;
import awslab.lab.LabNames;
import awslab.lab.PublicAddressLookup;
import awslab.lab.SecurityGroups;
import awslab.reach.PortProbe;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
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
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);
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

    private final Function<Ec2Client, PublicAddressLookup> callerAddress;
    private final Optional<PortProbe> publicSsh;

    /** On AWS: the caller's public address from AWS's echo service, and a public SSH server to tell a blocked network. */
    public SshCommand() {
        this(PublicAddressLookup::forTarget, PortProbe.parse(PortProbe.PUBLIC_SSH));
    }

    /**
     * @param callerAddress the caller's public address on a target ({@link PublicAddressLookup#NONE} where it has no meaning)
     * @param publicSsh a server whose port 22 answers from any open network, tried when the instance's does not
     */
    SshCommand(Function<Ec2Client, PublicAddressLookup> callerAddress, Optional<PortProbe> publicSsh) {
        this.callerAddress = callerAddress;
        this.publicSsh = publicSsh;
    }

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
        Optional<String> me = callerAddress.apply(ctx().clients().ec2()).callerAddress();
        me.ifPresent(ip -> followCaller(found, ip));
        Optional<Terminal> terminal = ctx().terminal();
        if (command.isEmpty() && terminal.isEmpty()) {
            throw new UserException("err.ssh.noTerminal", found.instanceId());
        }
        Path keyFile = keyFile(found.keyName());
        ctx().progress().step("msg.ssh.connecting", found.instanceId(), target.display(), keyFile);
        SshSessions sessions = new SshSessions(hostKeys, ctx().progress(), connectTimeout(), hostKeyPrompt(terminal));
        try (RemoteShell shell = open(sessions, target, keyFile, found, me)) {
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
        return explainSilence(ec2, instance, e, PublicAddressLookup.forTarget(ec2).callerAddress());
    }

    /** The same, the student's address known already (or known to be unknowable). */
    static UserException explainSilence(Ec2Client ec2, Instance instance, UserException e, Optional<String> caller) {
        if (!"err.ssh.timeout".equals(e.key()) && !"err.ssh.handshake".equals(e.key())) {
            return e;
        }
        return IngressRules.missing(ec2, instance, 22, caller)
                .map(missing -> new UserException(e.getCause(), "err.ssh.blocked", missing.instanceId(), missing.groupId(),
                        caller.orElse("?"), missing.command()))
                .orElse(e);
    }

    /**
     * The instance's SSH rule lets in one address, the one the student had at launch. From home,
     * another Wi-Fi or a phone the address differs and the connection would only time out: say so
     * before trying, and offer to make the shell's rule follow (never a group the shell did not make).
     */
    private void followCaller(Instance found, String ip) {
        SecurityGroups groups = new SecurityGroups(ctx().clients().ec2(), ctx().progress(), () -> Optional.of(ip));
        List<String> groupIds = found.securityGroups().stream().map(GroupIdentifier::groupId).toList();
        if (IngressRules.missing(ctx().clients().ec2(), found, 22, Optional.of(ip)).isEmpty()) {
            return;
        }
        List<String> allowed = groups.sshSources(groupIds);
        ctx().out().println(ctx().messages().get("msg.ssh.rule.mismatch", ip,
                allowed.isEmpty() ? "-" : String.join(", ", allowed)));
        Optional<String> own = groups.ownWebGroup(groupIds);
        if (own.isEmpty()) {
            ctx().out().println(ctx().messages().get("msg.ssh.rule.notOurs", String.join(", ", groupIds), ip + "/32"));
        } else if (ctx().confirm("msg.ssh.rule.confirm", own.get(), ip + "/32")) {
            groups.followCaller(own.get(), ip);
            ctx().out().println(ctx().messages().get("msg.ssh.rule.updated", own.get(), ip + "/32"));
        }
    }

    private RemoteShell open(SshSessions sessions, SshTarget target, Path keyFile, Instance found, Optional<String> me) {
        try {
            return sessions.open(target, keyFile);
        } catch (UserException caught) {
            UserException e = explainSilence(ctx().clients().ec2(), found, caught, me);
            if (e != caught) {
                throw e;
            }
            // The rules let the student in, yet silence from the instance and from a public SSH
            // server alike: the network in between drops port 22.
            if ("err.ssh.timeout".equals(e.key()) && me.isPresent() && publicSsh.isPresent()
                    && publicSsh.get().probe(PROBE_TIMEOUT) == PortProbe.Result.SILENT) {
                throw new UserException(e, "err.ssh.portBlocked", target.host(), publicSsh.get());
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
