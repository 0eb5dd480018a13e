package awslab.ssh;

import awslab.i18n.AwsWord;
import awslab.state.StateFiles;
import awslab.api.UserException;
import awslab.lab.LabNames;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import awslab.api.Progress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Checkpoint {@code ssh-works}: the lab instance accepts an SSH session as {@code ubuntu} with
 * the student's key and runs a command ({@code true}). The instance is the lesson's
 * {@code instance.id} fact, else the newest running lab instance. Where the target cannot be
 * reached over SSH (an emulator), it says so at once ({@code CANNOT_CHECK}). A failure carries
 * the same explanation the {@code ssh} command would give (refused, wrong key, …).
 *
 * <pre>
 * Checkpoint check = new SshWorksCheckpoint(stateDir);
 * CheckResult result = check.verify(new CheckContext(clients, reachability, facts));
 * </pre>
 */
public final class SshWorksCheckpoint implements Checkpoint {
    public static final String ID = "ssh-works";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final KeyLocator keys;
    private final SshSessions sessions;

    /** Finds the key where students keep it and remembers host keys in {@code stateDir}. */
    public SshWorksCheckpoint(StateFiles files, Path stateDir) {
        this(KeyLocator.defaults(stateDir), new SshSessions(HostKeys.in(files, stateDir), Progress.SILENT));
    }

    public SshWorksCheckpoint(KeyLocator keys, SshSessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult verify(CheckContext context) {
        LabInstanceLookup lookup = new LabInstanceLookup(context.clients().ec2());
        String factId = context.facts().get("instance.id");
        Optional<Instance> found = factId != null ? lookup.byId(factId) : lookup.newestRunning();
        if (found.isEmpty() || found.get().state().name() != InstanceStateName.RUNNING) {
            return found.map(i -> CheckResult.failed("err.ssh.instance.notRunning", i.instanceId(), AwsWord.state(i.state().nameAsString())))
                    .orElseGet(() -> CheckResult.failed("msg.check.ssh.noInstance"));
        }
        Instance instance = found.get();
        Optional<InetSocketAddress> address = context.reachability().ssh(instance.instanceId(), instance.publicIpAddress());
        if (address.isEmpty()) {
            return CheckResult.cannotCheck("msg.check.ssh.cannotCheck", instance.instanceId());
        }
        SshTarget target = SshTarget.of(instance.instanceId(), address.get(), LabNames.SSH_USER, instance.keyName());
        try {
            Path key = keys.locate(null, instance.keyName());
            KeyLocator.requirePrivate(key);
            int exitCode = sessions.run(target, key, "true", COMMAND_TIMEOUT).exitCode();
            return exitCode == 0
                    ? CheckResult.passed("msg.check.ssh.passed", instance.instanceId(), target.user())
                    : CheckResult.failed("msg.check.ssh.failed", instance.instanceId(), exitCode);
        } catch (UserException e) {
            // The same explanation the ssh command gives: a missing rule, refused, wrong key, changed host key, no key file…
            UserException explained = SshCommand.explainSilence(context.clients().ec2(), instance, e);
            return CheckResult.failed(explained.key(), explained.args());
        }
    }
}
