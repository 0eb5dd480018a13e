package awslab.cli;

import awslab.api.ShellContext;
import awslab.api.StatusSection;
import awslab.logging.LogBook;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The last section of {@code status}: when something failed in the background (the sandbox's
 * loops and transitions, the clients built behind the prompt), how often since when, and which
 * log says why. Nothing when all went well.
 */
final class BackgroundStatus implements StatusSection {
    private final ShellSession session;
    private final LogBook logs;

    BackgroundStatus(ShellSession session, LogBook logs) {
        this.session = session;
        this.logs = logs;
    }

    @Override
    public void render(ShellContext ctx) {
        logs.problems().ifPresent(problems -> session.console().warn("msg.status.background", problems.count(),
                DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(problems.since()),
                logs.file()));
    }
}
