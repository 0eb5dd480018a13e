package awslab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How far the lab's user data ({@link UserData}) has got on an instance, read from the instance's
 * console output: the text that {@code GetConsoleOutput} returns, base64-decoded.
 *
 * <h2>The contract: what the user data writes on the console</h2>
 * cloud-init copies a user-data script's standard output to the instance's console (its
 * {@code cloud-final} unit writes to {@code journal+console}, and {@code tee} keeps a copy in
 * {@code /var/log/cloud-init-output.log}); the script writes there, and only there, one line per
 * step, everything else going to {@code /var/log/awslab-setup.log}. Each line is
 *
 * <pre>
 * awslab-setup: phase=PHASE t=SECONDSs[ KEY=VALUE]...[ -- TEXT]
 * awslab-setup: log| LINE
 * </pre>
 *
 * <ul>
 *   <li>{@code PHASE} is one of {@link Phase}'s ids, in this order: {@code begin}, {@code java},
 *       {@code libraries}, {@code compile}, {@code service}, {@code started} (the web service
 *       answers: the end) — or {@code failed}, after which nothing more comes;
 *   <li>{@code SECONDS}: whole seconds since the script began;
 *   <li>keys: {@code attempt=N} when a step is retried (a network or package-lock hiccup), and on
 *       the {@code failed} line {@code during=PHASE} (the step that failed) and {@code exit=STATUS};
 *       unknown keys are ignored, so more may come;
 *   <li>{@code TEXT}: English for whoever reads the raw console — on {@code failed}, what failed
 *       (a command line, or a sentence);
 *   <li>{@code log| LINE}: after {@code failed}, the last lines (at most 25) of the setup log.
 * </ul>
 * On the console the lines may carry a prefix (the kernel's time stamp, {@code cloud-init[PID]:})
 * and be interleaved with other output; only the last 64 KB are kept. A new {@code begin} means the
 * script started again: what came before it is forgotten. For example:
 *
 * <pre>
 * [   42.1] cloud-init[1012]: awslab-setup: phase=begin t=0s -- setting up the lab web service; log: /var/log/awslab-setup.log
 * [   42.1] cloud-init[1012]: awslab-setup: phase=java t=0s -- installing Java from Ubuntu's packages
 * [   61.9] cloud-init[1012]: awslab-setup: phase=libraries t=19s -- fetching 10 libraries by their Maven coordinates
 * [   62.0] cloud-init[1012]: awslab-setup: phase=libraries t=20s attempt=2 -- retrying in 10 s: java ... Resolve.java ...
 * [  103.7] cloud-init[1012]: awslab-setup: phase=failed t=61s during=libraries exit=1 -- sha256sum --check --strict --quiet
 * [  103.7] cloud-init[1012]: awslab-setup: log| /opt/awslab/lib/gson-2.13.2.jar: FAILED
 * </pre>
 *
 * <p>On EC2, {@code GetConsoleOutput} returns by default what was last posted, which happens
 * around the instance's state changes and may be many minutes late (others report up to 20); the
 * live output comes with {@code latest(true)}, which only instances on the Nitro hypervisor accept
 * (a t3.micro, not the lab's t2.micro): ask for the latest, and without it when EC2 refuses.
 *
 * <h2>Reading it</h2>
 * <pre>
 * String console = new String(Base64.getDecoder().decode(response.output()), UTF_8);
 * SetupProgress progress = SetupProgress.parse(console);
 * progress.phase().map(p -> messages.get(p.messageKey()));  // "installing Java", "compilation"...
 * progress.failure().ifPresent(f -> show(f.during(), f.reason(), progress.log()));
 * if (progress.started()) { ... }                          // the web service answers
 * </pre>
 *
 * @param phase the step the setup is in, or the last it reached when it failed or ended; empty when
 *     the console shows no step (the script has not started, or the output is not posted yet)
 * @param seconds seconds since the script began, at its last line; empty when unknown
 * @param attempt which attempt of its step the setup is on: 1, more when it retries
 * @param failure why the setup stopped, when it failed
 * @param log the last lines of the setup log that the script wrote after failing (else none)
 */
public record SetupProgress(Optional<Phase> phase, OptionalInt seconds, int attempt, Optional<Failure> failure,
        List<String> log) {
    /** What starts every line of the contract. */
    public static final String MARKER = "awslab-setup: ";
    private static final String LOG = MARKER + "log| ";
    private static final String FAILED = "failed";

    /** The steps of the setup, in order. */
    public enum Phase {
        BEGIN, JAVA, LIBRARIES, COMPILE, SERVICE, STARTED;

        /** The id on the console: {@code java}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The i18n key of the step's name for a student: {@code msg.lab.setup.phase.java}. */
        public String messageKey() {
            return "msg.lab.setup.phase." + id();
        }

        static Optional<Phase> of(String id) {
            for (Phase phase : values()) {
                if (phase.id().equals(id)) {
                    return Optional.of(phase);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param during the step that failed
     * @param exitStatus the script's exit status (a failed command's, or 1)
     * @param reason what failed, in English: a command line or a sentence (may be empty)
     */
    public record Failure(Phase during, int exitStatus, String reason) {}

    public SetupProgress {
        log = List.copyOf(log);
    }

    /** Nothing reported yet. */
    public static SetupProgress none() {
        return new SetupProgress(Optional.empty(), OptionalInt.empty(), 1, Optional.empty(), List.of());
    }

    /** The progress that {@code consoleOutput} shows; never throws, whatever the text. */
    public static SetupProgress parse(String consoleOutput) {
        SetupProgress progress = none();
        if (consoleOutput == null) {
            return progress;
        }
        for (String line : consoleOutput.split("\r?\n|\r")) {
            int at = line.indexOf(MARKER);
            if (at >= 0) {
                progress = progress.then(line.substring(at));
            }
        }
        return progress;
    }

    /** The web service answers: the setup is over and went well. */
    public boolean started() {
        return phase.filter(Phase.STARTED::equals).isPresent() && failure.isEmpty();
    }

    /** The setup stopped on an error: see {@link #failure()} and {@link #log()}. */
    public boolean failed() {
        return failure.isPresent();
    }

    /** At most the last {@code count} lines of {@link #log()}. */
    public List<String> lastLogLines(int count) {
        return log.subList(Math.max(0, log.size() - Math.max(0, count)), log.size());
    }

    /** This progress after one more line of the contract (which starts with {@link #MARKER}). */
    private SetupProgress then(String line) {
        if (line.startsWith(LOG)) {
            List<String> more = new ArrayList<>(log);
            more.add(line.substring(LOG.length()).stripTrailing());
            return new SetupProgress(phase, seconds, attempt, failure, more);
        }
        String text = "";
        String fields = line.substring(MARKER.length());
        int dashes = fields.indexOf(" -- ");
        if (dashes >= 0) {
            text = fields.substring(dashes + 4).strip();
            fields = fields.substring(0, dashes);
        }
        String id = null;
        String during = null;
        OptionalInt time = OptionalInt.empty();
        int attemptNumber = 1;
        int exit = 1;
        for (String field : fields.strip().split(" +")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = field.substring(0, equals);
            String value = field.substring(equals + 1);
            switch (key) {
                case "phase" -> id = value;
                case "during" -> during = value;
                case "t" -> time = number(value.endsWith("s") ? value.substring(0, value.length() - 1) : value);
                case "attempt" -> attemptNumber = number(value).orElse(1);
                case "exit" -> exit = number(value).orElse(1);
                default -> { } // a key from a later version
            }
        }
        if (FAILED.equals(id)) {
            Optional<Phase> failedIn = Phase.of(during).or(() -> phase);
            return new SetupProgress(failedIn, time.isPresent() ? time : seconds, attempt,
                    Optional.of(new Failure(failedIn.orElse(Phase.BEGIN), exit, text)), log);
        }
        Optional<Phase> next = Phase.of(id);
        if (next.isEmpty()) {
            return this; // not a line of ours, or a step from a later version: keep what we know
        }
        if (next.get() == Phase.BEGIN) {
            return new SetupProgress(next, time, attemptNumber, Optional.empty(), List.of()); // (again) from the start
        }
        return new SetupProgress(next, time.isPresent() ? time : seconds, attemptNumber, failure, log);
    }

    private static OptionalInt number(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
