package awslab.live;

import awslab.doctor.Doctor;
import awslab.target.Identity;
import awslab.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One run's section of the results file, in Markdown: when, where (target, region, account type
 * — Learner Lab or not — with the account number masked), the ceilings, how it ended, the
 * measures, each step's time, and what was left after cleanup. Sections are appended, newest
 * last, so the file keeps the history of runs.
 */
final class LiveReport {
    private final LiveRun.Options options;
    private final Identity identity;
    private final Instant started;
    private final StringBuilder text = new StringBuilder();

    LiveReport(LiveRun.Options options, Identity identity, Instant started) {
        this.options = options;
        this.identity = identity;
        this.started = started;
        Target target = options.target();
        text.append("\n## Run of ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started))
                .append("\n\n")
                .append("- target: ").append(target.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(", region ").append(target.region()).append('\n')
                .append("- account: ").append(accountType()).append(", ").append(masked(identity.account())).append('\n')
                .append("- ceilings: ").append(options.maxInstances()).append(" instances, ")
                .append(options.maxTime().toSeconds() / 60.0).append(" minutes").append('\n')
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append('\n');
    }

    private String accountType() {
        if (options.target().kind() != Target.Kind.AWS) {
            return "not AWS (" + options.target().shortName() + (options.fast() ? ", fast pace" : ", standard pace") + ")";
        }
        return Doctor.isLearnerLab(identity.arn()) ? "AWS Academy Learner Lab" : "AWS, not a Learner Lab";
    }

    /** The account number is nobody's business in a committed file: its last four digits only. */
    static String masked(String account) {
        return account == null || account.length() < 4 ? "account ?" : "account …" + account.substring(account.length() - 4);
    }

    void refused(String why) {
        text.append("- outcome: **refused before spending anything** — ").append(why).append('\n');
    }

    void played(List<LivePlay.StepResult> steps, List<LivePlay.Measure> measures, String stopped, List<String> left,
            Duration total) {
        text.append("- outcome: ").append(stopped == null ? "**went through**" : "**stopped** — " + stopped)
                .append("; whole run ").append(seconds(total)).append(" s, cleanup included\n")
                .append("- left after cleanup: ").append(left.isEmpty() ? "nothing tagged" : "**" + String.join(", ", left) + "**")
                .append("\n\n| what only AWS shows | seconds | seen |\n|---|---:|---|\n");
        for (LivePlay.Measure m : measures) {
            text.append("| ").append(m.name()).append(" | ").append(seconds(m.took())).append(" | ")
                    .append(m.seen() ? "yes" : "**no, not within the bound**").append(" |\n");
        }
        text.append("\n<details><summary>each step</summary>\n\n| step | seconds | checkpoint |\n|---|---:|---|\n");
        for (LivePlay.StepResult s : steps) {
            text.append("| ").append(s.where()).append(" | ").append(seconds(s.took())).append(" | ")
                    .append(s.said().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        text.append("\n</details>\n");
    }

    void appendTo(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
