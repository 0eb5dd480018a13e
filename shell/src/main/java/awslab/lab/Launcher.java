package awslab.lab;

import awslab.api.Interruption;
import awslab.api.Reachability;
import awslab.reach.WebServiceProbe;
import awslab.api.AwsClients;
import awslab.api.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Part 1's "launch an instance", end to end: the guardrails, the Ubuntu image, the key pair, the
 * web security group, the user data, the instance (pending → running), then the web service
 * (installing → answering) where the target can reach it.
 *
 * <pre>
 * Launcher.Launched result = new Launcher(clients, reachability, stateDir, progress,
 *         PublicAddressLookup.checkIp(), Waiting.aws()).launch(new Launcher.Options("web", "t2.micro", null));
 * </pre>
 */
public final class Launcher {
    /** On AWS the first boot installs Java and the libraries: allow about ten minutes for the service. */
    private static final int WEB_PROBE_ATTEMPTS = 60;
    private static final Duration WEB_PROBE_PAUSE = Duration.ofSeconds(10);

    private final AwsClients clients;
    private final Reachability reachability;
    private final Path stateDir;
    private final Progress progress;
    private final PublicAddressLookup callerAddress;
    private final Waiting waiting;
    private final int webAttempts;
    private final Duration webPause;

    /** What the user asked for; {@code keyName} null means "vockey, or the shell's own key". */
    public record Options(String name, String type, String keyName) {}

    /** What was launched, with its key and whether its web service answered. */
    public record Launched(LabInstance instance, KeyPairs.Choice key, String securityGroupId, WebServiceProbe.Answer web) {}

    public Launcher(AwsClients clients, Reachability reachability, Path stateDir, Progress progress,
            PublicAddressLookup callerAddress, Waiting waiting) {
        this(clients, reachability, stateDir, progress, callerAddress, waiting, WEB_PROBE_ATTEMPTS, WEB_PROBE_PAUSE);
    }

    private Launcher(AwsClients clients, Reachability reachability, Path stateDir, Progress progress,
            PublicAddressLookup callerAddress, Waiting waiting, int webAttempts, Duration webPause) {
        this.clients = clients;
        this.reachability = reachability;
        this.stateDir = stateDir;
        this.progress = progress;
        this.callerAddress = callerAddress;
        this.waiting = waiting;
        this.webAttempts = webAttempts;
        this.webPause = webPause;
    }

    /** The same launcher waiting for the web service {@code attempts} times, {@code pause} apart (tests). */
    public Launcher withWebWait(int attempts, Duration pause) {
        return new Launcher(clients, reachability, stateDir, progress, callerAddress, waiting, attempts, pause);
    }

    public Launched launch(Options options) {
        String region = clients.ec2().serviceClientConfiguration().region().id();
        new Guardrails(clients.ec2(), progress).beforeLaunch(region, options.type(), 1);
        LaunchBasics basics = LaunchBasics.resolve(clients, stateDir, progress, callerAddress, options.keyName());
        KeyPairs.Choice key = basics.key();
        String groupId = basics.securityGroupId();
        LabInstance instance = new Instances(clients.ec2(), progress, waiting).launch(new Instances.LaunchRequest(
                options.name(), options.type(), basics.imageId(), key.name(), groupId, basics.userDataBase64(),
                LabNames.PART1_LESSON));
        progress.step("msg.lab.instance.address", instance.id(), Optional.ofNullable(instance.publicIp()).orElse("-"),
                Optional.ofNullable(instance.publicDns()).orElse("-"));
        WebServiceProbe probe = new WebServiceProbe(reachability);
        // While the web service does not answer, the console says where the setup is; a failed
        // setup ends the wait at once (the service will not come).
        SetupConsole console = new SetupConsole(clients.ec2());
        SetupSteps setup = new SetupSteps(progress);
        WebServiceProbe.Answer web;
        try {
            web = probe.waitUntilAnswers(instance.id(), instance.publicIp(), webAttempts, webPause,
                    () -> {
                        SetupProgress now = console.read(instance.id());
                        setup.show(instance.id(), now);
                        return !now.failed();
                    });
        } catch (Interruption e) {
            throw new Interruption(e, "msg.interrupted.web", instance.id());
        }
        if (web.status() == WebServiceProbe.Status.NO_ANSWER) {
            setup.noAnswer(instance.id(), instance.name(), console.read(instance.id()));
        }
        // The caller says how the web service answered, once, with the rest of the result.
        return new Launched(instance, key, groupId, web);
    }
}
