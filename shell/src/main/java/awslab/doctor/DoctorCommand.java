package awslab.doctor;

import awslab.api.BaseCommand;
import awslab.api.UserException;
import awslab.i18n.Messages;
import awslab.reach.PortProbe;
import awslab.ssh.KeyLocator;
import awslab.target.Target;
import awslab.target.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doctor [--ssh-probe HOST:PORT]}: the instructor's preflight (see {@link Doctor}), one
 * line per check, ✔ or ✘ with the fix, then a summary; exit code 1 when something must be fixed.
 *
 * <pre>
 * awslab&gt; doctor
 * ✔ Credentials: account 123456789012 (arn:aws:sts::…:assumed-role/voclabs/user…)
 * ✘ SSH out (port 22, github.com:22): no answer in 4 s — this network seems to block SSH: …
 * </pre>
 */
@Command(name = "doctor")
public final class DoctorCommand extends BaseCommand {
    /** Chooses another server than {@link PortProbe#PUBLIC_SSH} to try port 22 on (so does {@code --ssh-probe}). */
    static final String PROBE_VARIABLE = "AWSLAB_SSH_PROBE";

    @Option(names = "--ssh-probe", paramLabel = "HOST:PORT", descriptionKey = "help.doctor.option.ssh-probe")
    String sshProbe;

    private final Supplier<Target> target;
    private final Targets targets;
    private final KeyLocator keys;
    private final Map<String, String> env;
    private final Clock clock;

    public DoctorCommand(Supplier<Target> target, Targets targets, KeyLocator keys, Map<String, String> env, Clock clock) {
        this.target = target;
        this.targets = targets;
        this.keys = keys;
        this.env = env;
        this.clock = clock;
    }

    @Override
    protected int doCall() {
        Target current = target.get();
        boolean onAws = current.kind() == Target.Kind.AWS;
        Messages messages = ctx().messages();
        ctx().out().println(messages.get("msg.doctor.intro", current.shortName(), current.region()));
        Doctor.Setup setup = new Doctor.Setup(onAws, current.region(), connectedAt(current), expiresAt(current),
                keys, probe(onAws), clock);
        List<Doctor.Finding> findings = new Doctor(ctx().clients(), setup).run(f -> ctx().out().println(line(messages, f)));
        long ok = findings.stream().filter(f -> f.outcome() == Doctor.Outcome.OK).count();
        long failed = findings.stream().filter(f -> f.outcome() == Doctor.Outcome.FAIL).count();
        ctx().out().println(messages.get(failed == 0 ? "msg.doctor.summary.ok" : "msg.doctor.summary.fix",
                ok, failed, findings.size() - ok - failed));
        return failed == 0 ? 0 : 1;
    }

    /** Where to try port 22: the option, the variable, or on AWS the default; elsewhere nothing unless asked. */
    private Optional<PortProbe> probe(boolean onAws) {
        String chosen = sshProbe != null ? sshProbe : env.getOrDefault(PROBE_VARIABLE, onAws ? PortProbe.PUBLIC_SSH : null);
        if (chosen == null) {
            return Optional.empty();
        }
        return Optional.of(PortProbe.parse(chosen).orElseThrow(() -> new UserException("err.doctor.probe", chosen)));
    }

    /** When {@code connect} saved the pasted credentials: the file's time. */
    private Optional<Instant> connectedAt(Target current) {
        if (!current.profile().map(Targets.CONNECT_PROFILE::equals).orElse(false)) {
            return Optional.empty();
        }
        Path file = targets.connectCredentialsFile();
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.getLastModifiedTime(file).toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The expiry the credentials themselves carry (SSO, assumed roles); Learner Lab's carry none. */
    private Optional<Instant> expiresAt(Target current) {
        if (current.kind() != Target.Kind.AWS || targets.missing(current).isPresent()) {
            return Optional.empty();
        }
        try {
            return targets.credentials(current).resolveCredentials().expirationTime();
        } catch (RuntimeException e) {
            return Optional.empty(); // the credentials check says what is wrong with them
        }
    }

    private static String line(Messages messages, Doctor.Finding finding) {
        String mark = switch (finding.outcome()) {
            case OK -> "✔";
            case FAIL -> "✘";
            case NOT_CHECKED -> "–";
        };
        return mark + " " + render(messages, finding.key(), finding.args());
    }

    private static String render(Messages messages, String key, List<Object> args) {
        return messages.get(key, args.stream()
                .map(a -> a instanceof Doctor.Text text ? render(messages, text.key(), text.args()) : a)
                .toArray());
    }
}
