package awslab.reliability;

import awslab.cli.ShellFixture;
import awslab.i18n.Language;
import awslab.lab.LabMoto;
import awslab.lab.LabTags;
import awslab.target.Target;
import awslab.testing.FaultProxy;
import awslab.testing.FaultProxy.Fault;
import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Trials of {@code launch} then {@code cleanup} through the whole shell, on Moto behind a
 * {@link FaultProxy} that misbehaves once or twice on a call picked at random, with a fault
 * picked at random: what a student sees and what is left in the account are then checked.
 * Each trial ends in one {@link Outcome}; everything but {@code OK} and {@code FAILED_CLEANLY}
 * is a defect.
 *
 * <pre>
 * FaultTrials.Tally tally = new FaultTrials(new Random(42), dir).run(100);
 * </pre>
 */
public final class FaultTrials {
    /** What a trial ended in. */
    public enum Outcome {
        /** launch worked (one instance), cleanup left nothing. */
        OK,
        /** launch failed, said so in one line, made no instance and left nothing untagged; cleanup left nothing. */
        FAILED_CLEANLY,
        /** two instances or more for one launch. */
        DUPLICATE,
        /** launch said it failed, but an instance exists: the student was told the wrong thing. */
        FALSE_FAILURE,
        /** a Java stack trace, an exception's name or an "internal error" reached the screen. */
        TRACE,
        /** an error took more than one line, or said nothing after a colon. */
        UNCLEAR,
        /** something the launch made carries no awslab tag (cleanup could not find it). */
        UNTAGGED,
        /** after cleanup, and cleanup run once more without faults, something tagged is still there. */
        LEFT_BEHIND,
        /** the trial took longer than {@link #HANG}. */
        HANG
    }

    static final Duration HANG = Duration.ofMinutes(3);
    static final List<String> LAUNCH_CALLS = List.of("RunInstances", "CreateSecurityGroup", "CreateKeyPair",
            "AuthorizeSecurityGroupIngress", "DescribeImages", "DescribeKeyPairs", "DescribeInstances", "DescribeVpcs",
            "DescribeSecurityGroups", "GetParameter");
    static final List<String> CLEANUP_CALLS = List.of("TerminateInstances", "DeleteSecurityGroup", "DeleteKeyPair",
            "DescribeInstances", "DescribeSecurityGroups", "DescribeAutoScalingGroups", "DescribeLoadBalancers");

    /** How many trials ended in each outcome, which launch faults the clean failures came from, and the slowest trial. */
    public record Tally(Map<Outcome, Integer> outcomes, Map<String, Integer> failedBy, Duration slowest, List<String> defects) {}

    /**
     * Every fault but {@link Fault#PRETEND}: an answer of success that carries nothing is not
     * something AWS sends to a creation (the deletions' version of it is tested on its own).
     */
    static final List<Fault> FAULTS = java.util.Arrays.stream(Fault.values()).filter(f -> f != Fault.PRETEND).toList();

    private final Random random;
    private final Path dir;
    private String lastLaunchFault = "";

    public FaultTrials(Random random, Path dir) {
        this.random = random;
        this.dir = dir;
    }

    public Tally run(int trials) throws Exception {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<String, Integer> failedBy = new java.util.TreeMap<>();
        List<String> defects = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < trials; i++) {
            Instant start = Instant.now();
            StringBuilder story = new StringBuilder("trial " + i + ":");
            Outcome outcome = trial(dir.resolve("trial-" + i), story);
            Duration took = Duration.between(start, Instant.now());
            if (took.compareTo(HANG) > 0) {
                outcome = Outcome.HANG;
            }
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome != Outcome.OK && outcome != Outcome.FAILED_CLEANLY) {
                defects.add(outcome + " " + story);
            }
            if (outcome == Outcome.FAILED_CLEANLY) {
                failedBy.merge(lastLaunchFault, 1, Integer::sum);
            }
        }
        return new Tally(outcomes, failedBy, slowest, defects);
    }

    private Outcome trial(Path home, StringBuilder story) throws Exception {
        MotoServer.get().reset();
        Files.createDirectories(home);
        try (FaultProxy proxy = FaultProxy.in(MotoServer.get().endpoint()); var clients = proxy.clients()) {
            if (random.nextBoolean()) {
                LabMoto.importVockey(clients.ec2()); // else the shell makes its own key pair
            }
            ShellFixture shell = ShellFixture.on(Target.endpoint(proxy.endpoint(), "us-east-1"), home, Language.EN);
            shell.session().assumeYes(true);
            try {
                String launchCall = pick(LAUNCH_CALLS);
                Fault launchFault = pick(FAULTS);
                int times = 1 + random.nextInt(2);
                proxy.on(launchCall, launchFault, times);
                lastLaunchFault = launchFault + " x" + times;
                story.append(" launch with ").append(launchFault).append(" x").append(times).append(" on ").append(launchCall);
                String launch = shell.run("launch");
                proxy.clear();
                boolean said = !launch.contains("is running. Public IP");
                Outcome screen = screen(launch, story);
                if (screen != null) {
                    return screen;
                }
                int instances = instances(clients);
                story.append(" → ").append(said ? "failed" : "launched").append(", ").append(instances).append(" instance(s)");
                if (instances > 1) {
                    return Outcome.DUPLICATE;
                }
                if (said && instances == 1) {
                    return Outcome.FALSE_FAILURE;
                }
                if (!untagged(clients).isEmpty()) {
                    story.append(" untagged: ").append(untagged(clients));
                    return Outcome.UNTAGGED;
                }
                String cleanupCall = pick(CLEANUP_CALLS);
                Fault cleanupFault = pick(FAULTS);
                proxy.on(cleanupCall, cleanupFault, 1);
                story.append("; cleanup with ").append(cleanupFault).append(" on ").append(cleanupCall);
                String cleanup = shell.run("cleanup --yes");
                proxy.clear();
                Outcome cleanupScreen = screen(cleanup, story);
                if (cleanupScreen != null) {
                    return cleanupScreen;
                }
                shell.run("cleanup --yes");
                List<String> left = new awslab.lab.TaggedResources(clients).securityGroups().stream().map(g -> g.groupName()).toList();
                if (instances(clients) > 0 || !left.isEmpty()) {
                    story.append(" left: ").append(left);
                    return Outcome.LEFT_BEHIND;
                }
                return said ? Outcome.FAILED_CLEANLY : Outcome.OK;
            } finally {
                shell.java().close();
            }
        }
    }

    /** What the screen showed, if it is a defect: a trace, or an error that is not one clear line. */
    private static Outcome screen(String output, StringBuilder story) {
        if (output.contains("\tat ") || output.contains("Exception") || output.contains("internal error")
                || output.contains("Internal error")) {
            story.append(" screen: ").append(output);
            return Outcome.TRACE;
        }
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // A heading followed by its indented list (cleanup's plan) is whole; a colon with nothing after it is not.
            boolean listFollows = i + 1 < lines.size() && lines.get(i + 1).startsWith(" ");
            if (line.strip().endsWith(":") && !line.startsWith(" ") && !listFollows) {
                story.append(" dangling: ").append(line);
                return Outcome.UNCLEAR;
            }
        }
        return null;
    }

    private static int instances(awslab.api.AwsClients clients) {
        return (int) clients.ec2().describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations().stream().mapToLong(r -> r.instances().size()).sum();
    }

    /** Security groups, key pairs and instances the launch made that carry no awslab tag. */
    private static List<String> untagged(awslab.api.AwsClients clients) {
        List<String> untagged = new ArrayList<>();
        clients.ec2().describeSecurityGroups().securityGroups().stream()
                .filter(g -> !"default".equals(g.groupName()))
                .filter(g -> g.tags().stream().noneMatch(t -> LabTags.MANAGED.equals(t.key())))
                .forEach(g -> untagged.add(g.groupId()));
        clients.ec2().describeKeyPairs().keyPairs().stream()
                .filter(k -> !"vockey".equals(k.keyName()))
                .filter(k -> k.tags().stream().noneMatch(t -> LabTags.MANAGED.equals(t.key())))
                .forEach(k -> untagged.add(k.keyName()));
        clients.ec2().describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.tags().stream().noneMatch(t -> LabTags.MANAGED.equals(t.key())))
                .forEach(i -> untagged.add(i.instanceId()));
        return untagged;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** {@code FaultTrials TRIALS [SEED]}: the trials, then their tally, for bench/reliability/faults.sh. */
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("awslab-faults");
        Instant start = Instant.now();
        Tally tally = new FaultTrials(new Random(seed), dir).run(trials);
        System.out.println("trials: " + trials + " (seed " + seed + "), " + Duration.between(start, Instant.now()).toSeconds()
                + " s, slowest trial " + tally.slowest().toMillis() / 1000.0 + " s");
        tally.outcomes().forEach((outcome, count) -> System.out.println("  " + outcome + ": " + count));
        System.out.println("clean failures by the launch's fault: " + tally.failedBy());
        tally.defects().forEach(d -> System.out.println("DEFECT " + d));
        System.exit(tally.defects().isEmpty() ? 0 : 1);
    }
}
