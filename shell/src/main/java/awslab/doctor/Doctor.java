package awslab.doctor;

import awslab.api.AwsClients;
import awslab.api.Progress;
import awslab.api.UserException;
import awslab.fleet.FleetNetwork;
import awslab.fleet.FleetSettings;
import awslab.lab.Guardrails;
import awslab.lab.ImageResolver;
import awslab.lab.LabNames;
import awslab.learnerlab.LearnerLab;
import awslab.reach.PortProbe;
import awslab.ssh.KeyLocator;
import awslab.target.AwsErrors;
import awslab.target.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * An instructor's preflight: everything a class needs from an account, checked with read calls
 * and one dry run only, so it costs nothing — the credentials and how long they have left, the
 * region, whether this is a Learner Lab, {@code vockey} and its key file, the default VPC's
 * public subnets in two zones, the Ubuntu image, room under the instance cap, the instance
 * profile, and whether this network lets SSH out. Each finding is reported as it comes.
 *
 * <pre>
 * List&lt;Doctor.Finding&gt; all = new Doctor(clients, setup).run(finding -&gt; render(finding));
 * </pre>
 */
public final class Doctor {
    /** The role AWS Academy's Learner Lab credentials belong to, as STS names it. */
    static final List<String> LEARNER_LAB_ROLES = List.of("assumed-role/voclabs/", "assumed-role/vocstartsoft/");
    /** The instance profile Learner Lab provides (the lab itself needs none). */
    static final String LAB_INSTANCE_PROFILE = "LabInstanceProfile";
    /** At most at once: part 1's instance plus the fleet at its largest. */
    static final int LAB_NEEDS_INSTANCES = 1 + FleetSettings.defaults().max();
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);
    /** Less than this left of a session, and a lesson may stop half-way. */
    static final Duration ENOUGH_TIME = Duration.ofHours(1);

    /** How a check ended. */
    public enum Outcome { OK, FAIL, NOT_CHECKED }

    /** A text to render in the user's language inside another: a check's name, an explained AWS error. */
    public record Text(String key, List<Object> args) {
        static Text of(UserException e) {
            return new Text(e.key(), List.of(e.args()));
        }
    }

    /** One line of the report: its outcome and its text (an i18n key and arguments, some of them {@link Text}s). */
    public record Finding(Outcome outcome, String key, List<Object> args) {
        static Finding ok(String key, Object... args) {
            return new Finding(Outcome.OK, key, List.of(args));
        }

        static Finding fail(String key, Object... args) {
            return new Finding(Outcome.FAIL, key, List.of(args));
        }

        static Finding notChecked(String key, Object... args) {
            return new Finding(Outcome.NOT_CHECKED, key, List.of(args));
        }
    }

    /**
     * What the doctor knows besides the API.
     *
     * @param onAws whether the calls go to AWS itself (not the sandbox nor an emulator)
     * @param region the region the clients use
     * @param connectedAt when {@code connect} saved the credentials, if it did
     * @param expiresAt the expiry the credentials carry, if any (Learner Lab's carry none)
     * @param keys where key files are looked for
     * @param sshProbe where to try port 22 outward; empty: not checked
     * @param clock the time now
     */
    public record Setup(boolean onAws, String region, Optional<Instant> connectedAt, Optional<Instant> expiresAt,
            KeyLocator keys, Optional<PortProbe> sshProbe, Clock clock) {}

    private final AwsClients clients;
    private final Setup setup;

    public Doctor(AwsClients clients, Setup setup) {
        this.clients = clients;
        this.setup = setup;
    }

    /** Runs every check, telling {@code each} as it goes; returns all the findings. */
    public List<Finding> run(Consumer<Finding> each) {
        List<Finding> findings = new ArrayList<>();
        Consumer<Finding> report = f -> {
            findings.add(f);
            each.accept(f);
        };
        Optional<Identity> identity = identity(report);
        lifetime(report);
        if (identity.isPresent()) {
            report.accept(accountType(identity.get()));
            report.accept(region());
            report.accept(check("vockey", this::vockey));
            report.accept(check("vpc", this::network));
            report.accept(check("image", this::image));
            report.accept(check("cap", this::room));
            report.accept(check("profile", this::instanceProfile));
        } else {
            report.accept(Finding.notChecked("msg.doctor.api.skipped"));
        }
        report.accept(keyFile());
        report.accept(ssh());
        return findings;
    }

    private Optional<Identity> identity(Consumer<Finding> report) {
        try {
            Identity identity = Identity.of(clients.sts());
            report.accept(Finding.ok("msg.doctor.credentials.ok", identity.account(), identity.arn()));
            return Optional.of(identity);
        } catch (UserException e) {
            report.accept(Finding.fail("msg.doctor.failed", name("credentials"), Text.of(e)));
            return Optional.empty();
        }
    }

    /** Learner Lab credentials carry no expiry: the time of {@code connect} bounds what is left, honestly. */
    private void lifetime(Consumer<Finding> report) {
        Instant now = setup.clock().instant();
        if (setup.expiresAt().isPresent()) {
            Duration left = Duration.between(now, setup.expiresAt().get());
            report.accept(left.compareTo(ENOUGH_TIME) >= 0
                    ? Finding.ok("msg.doctor.lifetime.expires", setup.expiresAt().get(), left.toMinutes())
                    : Finding.fail("msg.doctor.lifetime.short", Math.max(0, left.toMinutes())));
        } else if (!setup.onAws()) {
            report.accept(Finding.notChecked("msg.doctor.lifetime.local"));
        } else if (setup.connectedAt().isPresent()) {
            Duration since = Duration.between(setup.connectedAt().get(), now);
            Duration left = Duration.ofHours(LearnerLab.SESSION_HOURS).minus(since);
            report.accept(left.compareTo(ENOUGH_TIME) >= 0
                    ? Finding.ok("msg.doctor.lifetime.connected", since.toMinutes(), left.toMinutes(), LearnerLab.SESSION_HOURS)
                    : Finding.fail("msg.doctor.lifetime.short", Math.max(0, left.toMinutes())));
        } else {
            report.accept(Finding.notChecked("msg.doctor.lifetime.unknown", LearnerLab.SESSION_HOURS));
        }
    }

    private Finding accountType(Identity identity) {
        if (!setup.onAws()) {
            return Finding.notChecked("msg.doctor.account.local");
        }
        return isLearnerLab(identity.arn())
                ? Finding.ok("msg.doctor.account.learnerLab", LearnerLab.MAX_RUNNING_INSTANCES)
                : Finding.ok("msg.doctor.account.other");
    }

    /** Whether STS's caller ARN is one of AWS Academy's Learner Lab roles. */
    public static boolean isLearnerLab(String arn) {
        return arn != null && LEARNER_LAB_ROLES.stream().anyMatch(arn::contains);
    }

    private Finding region() {
        return LearnerLab.isAllowedRegion(setup.region())
                ? Finding.ok("msg.doctor.region.ok", setup.region())
                : Finding.fail("msg.doctor.region.other", setup.region(), String.join(", ", new TreeSet<>(LearnerLab.REGIONS)));
    }

    private Finding vockey() {
        boolean exists = clients.ec2().describeKeyPairs(r -> r.filters(f -> f.name("key-name").values(LabNames.LAB_KEY_PAIR)))
                .keyPairs().stream().anyMatch(k -> LabNames.LAB_KEY_PAIR.equals(k.keyName()));
        return exists ? Finding.ok("msg.doctor.vockey.ok", LabNames.LAB_KEY_PAIR, setup.region())
                : Finding.fail("msg.doctor.vockey.missing", LabNames.LAB_KEY_PAIR, setup.region());
    }

    private Finding network() {
        List<Vpc> vpcs = clients.ec2().describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs();
        if (vpcs.isEmpty()) {
            return Finding.fail("msg.doctor.vpc.none", setup.region());
        }
        String vpcId = vpcs.get(0).vpcId();
        TreeSet<String> zones = new TreeSet<>();
        for (Subnet subnet : clients.ec2().describeSubnetsPaginator(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build())).subnets()) {
            if (Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch())) {
                zones.add(subnet.availabilityZone());
            }
        }
        return zones.size() >= FleetNetwork.ZONES
                ? Finding.ok("msg.doctor.vpc.ok", vpcId, zones.size(), String.join(", ", zones))
                : Finding.fail("msg.doctor.vpc.zones", vpcId, zones.size(), FleetNetwork.ZONES);
    }

    private Finding image() {
        return Finding.ok("msg.doctor.image.ok", new ImageResolver(clients.ec2(), clients.ssm(), Progress.SILENT).resolve());
    }

    private Finding room() {
        int running = new Guardrails(clients.ec2(), Progress.SILENT).runningCount();
        int room = LearnerLab.MAX_RUNNING_INSTANCES - running;
        return room >= LAB_NEEDS_INSTANCES
                ? Finding.ok("msg.doctor.cap.ok", running, LearnerLab.MAX_RUNNING_INSTANCES, LAB_NEEDS_INSTANCES)
                : Finding.fail("msg.doctor.cap.full", running, LearnerLab.MAX_RUNNING_INSTANCES, LAB_NEEDS_INSTANCES);
    }

    /** A dry run of the lab's launch with the profile: AWS checks everything, launches nothing. */
    private Finding instanceProfile() {
        if (!setup.onAws()) {
            // Emulators do not all honour DryRun (one that does not would launch for real).
            return Finding.notChecked("msg.doctor.profile.local");
        }
        String image = new ImageResolver(clients.ec2(), clients.ssm(), Progress.SILENT).resolve();
        try {
            clients.ec2().runInstances(r -> r.dryRun(true).imageId(image).instanceType(LabNames.DEFAULT_INSTANCE_TYPE)
                    .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name(LAB_INSTANCE_PROFILE)));
            return Finding.ok("msg.doctor.profile.ok", LAB_INSTANCE_PROFILE);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if ("DryRunOperation".equals(code)) {
                return Finding.ok("msg.doctor.profile.ok", LAB_INSTANCE_PROFILE);
            }
            if ("NoSuchEntity".equals(code) || code.startsWith("InvalidParameterValue") && message.contains("iamInstanceProfile")) {
                return Finding.ok("msg.doctor.profile.none", LAB_INSTANCE_PROFILE);
            }
            throw e;
        }
    }

    private Finding keyFile() {
        List<Path> candidates = setup.keys().candidates(LabNames.LAB_KEY_PAIR);
        Optional<Path> found = candidates.stream().filter(Files::isRegularFile).findFirst();
        if (found.isEmpty()) {
            return Finding.fail("msg.doctor.keyFile.missing", LabNames.LAB_KEY_FILE);
        }
        return KeyLocator.tooOpen(found.get())
                ? Finding.fail("msg.doctor.keyFile.open", found.get().toAbsolutePath())
                : Finding.ok("msg.doctor.keyFile.ok", found.get().toAbsolutePath());
    }

    private Finding ssh() {
        if (setup.sshProbe().isEmpty()) {
            return Finding.notChecked("msg.doctor.ssh.local");
        }
        PortProbe probe = setup.sshProbe().get();
        return switch (probe.probe(PROBE_TIMEOUT)) {
            case OPEN -> Finding.ok("msg.doctor.ssh.open", probe);
            case REFUSED -> Finding.fail("msg.doctor.ssh.refused", probe);
            case SILENT -> Finding.fail("msg.doctor.ssh.blocked", probe, PROBE_TIMEOUT.toSeconds());
            case UNRESOLVED -> Finding.fail("msg.doctor.ssh.unresolved", probe);
        };
    }

    /** Runs one API check; an AWS error becomes that check's failure, and the next check runs. */
    private static Finding check(String name, java.util.function.Supplier<Finding> check) {
        try {
            return check.get();
        } catch (UserException e) {
            return Finding.fail("msg.doctor.failed", name(name), Text.of(e));
        } catch (SdkException e) {
            return Finding.fail("msg.doctor.failed", name(name), Text.of(AwsErrors.explain(e)));
        }
    }

    private static Text name(String check) {
        return new Text("msg.doctor.name." + check, List.of());
    }
}
