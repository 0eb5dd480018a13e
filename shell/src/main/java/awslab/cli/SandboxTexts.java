package awslab.cli;

import awslab.i18n.Messages;
import awslab.target.SandboxCloud;
import awslab.ui.Console;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How the shell speaks of the sandbox service, in one place: its status (for {@code status},
 * {@code sandbox status}, the banner and the exit), the AWS CLI and boto3 lines that reach it,
 * what it is not (fictional addresses, compressed time) and durations in words.
 *
 * <pre>
 * SandboxTexts texts = new SandboxTexts(session.console());
 * texts.summary(status);     // Sandbox: http://127.0.0.1:4599, running since 14:02 …
 * </pre>
 */
final class SandboxTexts {
    /** The region the sandbox serves (the AWS CLI needs one). */
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Console console;

    SandboxTexts(Console console) {
        this.console = console;
    }

    private Messages messages() {
        return console.messages();
    }

    /** Where it listens, or will when started: its endpoint, or "a free port". */
    String where(SandboxCloud cloud) {
        return cloud.expectedEndpoint().map(URI::toString).orElseGet(() -> messages().get("msg.sandbox.anyPort"));
    }

    /** It does not run: where it would, and where its resources wait. */
    void stopped(SandboxCloud cloud) {
        console.info("msg.sandbox.status.stopped", where(cloud), cloud.stateFile());
    }

    /** One line: where it runs, since when, when it was last used, when it stops by itself. */
    void summary(SandboxCloud.Status status) {
        console.info("msg.sandbox.status.running", status.endpoint(), CLOCK.format(status.started()), status.pid(),
                ago(status.lastActivity()), idleStop(status.idleStop()));
    }

    /** How many instances, load balancers and groups it holds. */
    void census(SandboxCloud.Status status) {
        console.info("msg.sandbox.status.census", status.running(), status.stopped(), status.loadBalancers(), status.groups());
    }

    /** The exact lines that reach it from the AWS CLI and from boto3. */
    void clients(URI endpoint) {
        console.info("msg.sandbox.status.cli", endpoint, REGION);
        console.info("msg.sandbox.status.boto3", endpoint, REGION);
    }

    /** Where a text goes: the console, or above the prompt. */
    interface Say {
        void say(String key, Object... args);
    }

    /** What differs from AWS: fictional addresses, the key's file, compressed time, the running cap. */
    static void differences(SandboxCloud.Status status, Say say) {
        say.say("msg.sandbox.fiction");
        say.say("msg.sandbox.key", status.keyFile());
        say.say("msg.sandbox.timings", status.minute().toSeconds(), status.scaleOut().toSeconds(), status.scaleIn().toSeconds());
        say.say("msg.sandbox.limit", status.maxRunning());
    }

    /** "it stops by itself after 2 h without use", or "it never stops by itself". */
    String idleStop(Duration idle) {
        return idle.isZero() || idle.isNegative() ? messages().get("msg.sandbox.idleStop.never")
                : messages().get("msg.sandbox.idleStop.after", duration(idle));
    }

    /** 2 h, 90 min, 30 s. */
    String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return messages().get("msg.sandbox.duration.hours", seconds / 3600);
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return messages().get("msg.sandbox.duration.minutes", seconds / 60);
        }
        return messages().get("msg.sandbox.duration.seconds", seconds);
    }

    /** "just now", "3 min ago", "2 h ago". */
    String ago(Instant when) {
        Duration since = Duration.between(when, Instant.now());
        if (since.toMinutes() < 1) {
            return messages().get("msg.sandbox.ago.now");
        }
        Duration rounded = since.toHours() >= 1 ? Duration.ofHours(since.toHours()) : Duration.ofMinutes(since.toMinutes());
        return messages().get("msg.sandbox.ago", duration(rounded));
    }
}
