package awslab.live;

import awslab.api.AwsClients;
import awslab.fleet.FleetSettings;
import awslab.i18n.Language;
import awslab.lab.Guardrails;
import awslab.lab.LabNames;
import awslab.lab.Pricing;
import awslab.learnerlab.LearnerLab;
import awslab.target.Identity;
import awslab.target.Target;
import awslab.target.Targets;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live run: lessons 0–3 played through the shell on a real account — or, in CI, on the
 * sandbox, so that the harness itself is tested on every change — under a ceiling of instances
 * and minutes checked before anything is spent, measuring what only AWS can show, and always
 * cleaning up: after a failed step, at the time ceiling, on Ctrl-C. Then it proves, by looking
 * again, that nothing tagged is left, and appends what it saw to the results file.
 *
 * <pre>
 * bench/live/run.sh --target aws --profile default --region us-east-1 --max-instances 5 --max-minutes 60 --yes
 * bench/live/run.sh --target sandbox --fast
 * </pre>
 *
 * Exit codes: 0 the run went through and nothing is left; 1 it stopped (a step failed, a ceiling
 * was reached, Ctrl-C) and nothing is left; 2 refused before spending anything; 3 something
 * tagged is still there after cleanup (the results say what: run {@code ./awslab cleanup}).
 */
public final class LiveRun {
    /** The most instances the lab runs at once: part 1's instance and the fleet at its largest. */
    static final int PEAK_INSTANCES = 1 + FleetSettings.defaults().max();
    /** Below this on AWS the run cannot finish (two boots, a fleet, a replacement, a scale-out and -in). */
    static final Duration AWS_AT_LEAST = Duration.ofMinutes(30);
    /** An ALB's hourly price in us-east-1 (plus capacity units, negligible for the lab). */
    static final BigDecimal LOAD_BALANCER_HOURLY_USD = new BigDecimal("0.0225");
    static final int OK = 0;
    static final int STOPPED = 1;
    static final int REFUSED = 2;
    static final int LEFT_BEHIND = 3;

    /** Why a run stops before its end: a failed step, a ceiling, Ctrl-C. */
    static final class Stop extends RuntimeException {
        Stop(String reason) {
            super(reason);
        }
    }

    /** The run's options, as {@link #parse} reads them. */
    record Options(Target target, Path home, Path results, int maxInstances, Duration maxTime, boolean yes, boolean fast,
            Language language) {}

    /** The ceilings, checked while the run goes: the deadline and the instances running now. */
    static final class Limits {
        private final int maxInstances;
        private final Instant deadline;
        private final Clock clock;
        private volatile String stopped;

        Limits(int maxInstances, Instant deadline, Clock clock) {
            this.maxInstances = maxInstances;
            this.deadline = deadline;
            this.clock = clock;
        }

        /** Asks the run to stop at its next check (Ctrl-C, the watchdog). */
        void stop(String reason) {
            stopped = reason;
        }

        void check(AwsClients clients) {
            if (stopped != null) {
                throw new Stop(stopped);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new Stop("time ceiling reached");
            }
            int running = Leftovers.runningInstances(clients);
            if (running > maxInstances) {
                throw new Stop("instance ceiling crossed: " + running + " running, at most " + maxInstances);
            }
        }
    }

    private final Options options;
    private final PrintStream log;
    private final Clock clock;
    private final boolean ownsCtrlC;

    /** @param ownsCtrlC whether this process's Ctrl-C is the run's (the command line), or left alone (a test in a shared JVM) */
    LiveRun(Options options, PrintStream log, Clock clock, boolean ownsCtrlC) {
        this.options = options;
        this.log = log;
        this.clock = clock;
        this.ownsCtrlC = ownsCtrlC;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(REFUSED);
            return;
        }
        System.exit(new LiveRun(options, System.out, Clock.systemUTC(), true).run());
    }

    /** Runs the whole thing; the exit code. */
    int run() throws Exception {
        Instant started = clock.instant();
        Files.createDirectories(options.home());
        try (LiveShell shell = LiveShell.open(options.target(), options.home(), options.language(), log, options.fast(),
                System.getenv())) {
            AwsClients clients = shell.clients();
            Identity identity = Identity.of(clients.sts());
            Optional<String> refusal = refusal(clients);
            LiveReport report = new LiveReport(options, identity, started);
            if (refusal.isPresent()) {
                log.println("REFUSED before spending anything: " + refusal.get());
                report.refused(refusal.get());
                report.appendTo(options.results());
                return REFUSED;
            }
            Limits limits = new Limits(options.maxInstances(), started.plus(options.maxTime()), clock);
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "live-watchdog");
                t.setDaemon(true);
                return t;
            });
            Thread player = Thread.currentThread();
            // At the deadline the current wait is cut short, wherever it is; cleanup follows.
            watchdog.schedule(() -> {
                limits.stop("time ceiling reached");
                player.interrupt();
            }, options.maxTime().toMillis(), TimeUnit.MILLISECONDS);
            if (ownsCtrlC) {
                Interrupts.onCtrlC(() -> {
                    log.println("Ctrl-C: stopping, then cleaning up (a few minutes on AWS; Ctrl-C again changes nothing)");
                    limits.stop("interrupted (Ctrl-C)");
                    player.interrupt();
                });
            }
            LivePlay play = new LivePlay(shell, limits, clock, poll(), waitBound());
            String stopped = null;
            try {
                play.play();
            } catch (Stop e) {
                // A ceiling or Ctrl-C names the reason better than the step it cut short.
                stopped = limits.stopped != null ? limits.stopped : e.getMessage();
            } catch (RuntimeException e) {
                stopped = limits.stopped != null ? limits.stopped : "failed: " + e;
            } finally {
                watchdog.shutdownNow();
                Thread.interrupted(); // the cleanup must not be cut short by the interrupt that stopped the play
            }
            log.println(stopped == null ? "The run went through: cleaning up." : "STOPPED (" + stopped + "): cleaning up.");
            List<String> left = cleanUp(shell);
            report.played(play.steps, play.measures, stopped, left, Duration.between(started, clock.instant()));
            report.appendTo(options.results());
            log.println(left.isEmpty() ? "Nothing tagged is left." : "STILL THERE after cleanup: " + left
                    + " — run ./awslab cleanup (same profile and region).");
            log.println("Results: " + options.results().toAbsolutePath());
            return !left.isEmpty() ? LEFT_BEHIND : stopped == null ? OK : STOPPED;
        }
    }

    /** Why the run must not start, checked before anything is spent; empty when it may. */
    Optional<String> refusal(AwsClients clients) {
        int ceiling = Math.min(options.maxInstances(), LearnerLab.MAX_RUNNING_INSTANCES);
        if (ceiling < PEAK_INSTANCES) {
            return Optional.of("the lab runs up to " + PEAK_INSTANCES + " instances at once; the ceiling is " + ceiling);
        }
        int running = new Guardrails(clients.ec2(), awslab.api.Progress.SILENT).runningCount();
        if (running + PEAK_INSTANCES > LearnerLab.MAX_RUNNING_INSTANCES) {
            return Optional.of(running + " instances already run in the region: with the lab's " + PEAK_INSTANCES
                    + " that crosses Learner Lab's cap of " + LearnerLab.MAX_RUNNING_INSTANCES);
        }
        if (!Leftovers.in(clients).isEmpty()) {
            return Optional.of("the shell's resources are already there (" + String.join(", ", Leftovers.in(clients))
                    + "): run ./awslab cleanup first, so that the run measures a fresh start and cleans up only its own");
        }
        if (options.target().kind() == Target.Kind.AWS) {
            if (options.maxTime().compareTo(AWS_AT_LEAST) < 0) {
                return Optional.of("on AWS the run needs at least " + AWS_AT_LEAST.toMinutes() + " minutes; the ceiling is "
                        + options.maxTime().toMinutes());
            }
            log.println("This run spends money: at most " + PEAK_INSTANCES + " " + LabNames.DEFAULT_INSTANCE_TYPE
                    + " instances and one load balancer for at most " + options.maxTime().toMinutes() + " minutes: about $"
                    + cost() + " (on-demand, us-east-1; a Learner Lab takes it from its budget).");
            if (!options.yes()) {
                return Optional.of("add --yes to agree to that cost");
            }
        }
        return Optional.empty();
    }

    BigDecimal cost() {
        BigDecimal hours = BigDecimal.valueOf(options.maxTime().toMinutes()).divide(BigDecimal.valueOf(60), 4, RoundingMode.UP);
        BigDecimal instance = Pricing.hourlyUsd(LabNames.DEFAULT_INSTANCE_TYPE).orElseThrow();
        return instance.multiply(BigDecimal.valueOf(PEAK_INSTANCES)).add(LOAD_BALANCER_HOURLY_USD).multiply(hours)
                .setScale(2, RoundingMode.UP);
    }

    /** {@code cleanup} through the shell (twice if it must), then a fresh look at what is left. */
    private List<String> cleanUp(LiveShell shell) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (shell.run("cleanup --yes") == 0 && Leftovers.in(shell.clients()).isEmpty()) {
                break;
            }
        }
        return new ArrayList<>(Leftovers.in(shell.clients()));
    }

    private Duration poll() {
        return options.target().kind() == Target.Kind.AWS ? Duration.ofSeconds(10) : Duration.ofMillis(500);
    }

    /** How long one measured wait may take: AWS's scale-in alone needs about 15 minutes. */
    private Duration waitBound() {
        return options.target().kind() == Target.Kind.AWS ? Duration.ofMinutes(25) : Duration.ofMinutes(3);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop("interrupted");
        }
    }

    /** Reads the command line; throws IllegalArgumentException with the usage when it is wrong. */
    static Options parse(String[] args, Map<String, String> env) {
        String target = "aws";
        String profile = null;
        String region = env.getOrDefault("AWS_REGION", Targets.DEFAULT_REGION);
        Path home = null;
        Path results = Path.of("bench", "live", "RESULTS.md");
        int maxInstances = PEAK_INSTANCES;
        double maxMinutes = 60;
        boolean yes = false;
        boolean fast = false;
        Language language = Language.EN;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--target" -> target = required(args[i], value, i++);
                case "--profile" -> profile = required(args[i], value, i++);
                case "--region" -> region = required(args[i], value, i++);
                case "--home" -> home = Path.of(required(args[i], value, i++));
                case "--results" -> results = Path.of(required(args[i], value, i++));
                case "--max-instances" -> maxInstances = Integer.parseInt(required(args[i], value, i++));
                case "--max-minutes" -> maxMinutes = Double.parseDouble(required(args[i], value, i++));
                case "--lang" -> language = Language.parse(required(args[i], value, i++)).orElseThrow(
                        () -> new IllegalArgumentException("--lang: fr or en"));
                case "--yes" -> yes = true;
                case "--fast" -> fast = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        Target chosen = switch (target) {
            case "aws" -> Target.aws(profile, region);
            case "sandbox" -> Target.sandbox(region);
            default -> throw new IllegalArgumentException("--target: aws or sandbox\n" + USAGE);
        };
        try {
            Path state = home != null ? home : Files.createTempDirectory("awslab-live");
            return new Options(chosen, state, results, maxInstances, Duration.ofMillis((long) (maxMinutes * 60_000)), yes, fast,
                    language);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot make a state folder: " + e.getMessage());
        }
    }

    private static String required(String option, String value, int index) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }

    static final String USAGE = """
            usage: bench/live/run.sh [--target aws|sandbox] [--profile NAME] [--region REGION]
                                     [--max-instances N] [--max-minutes M] [--yes] [--fast] [--lang en|fr]
                                     [--home DIR] [--results FILE]
              --target aws (default) uses the profile, else the environment's credentials (a Learner Lab block
              exported as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); --yes agrees to the cost
              it states first. --target sandbox runs on the local sandbox (--fast: the tests' pace).""";
}
