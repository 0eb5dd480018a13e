package awslab.cli;

import awslab.api.ShellContext;
import awslab.api.StatusSection;
import awslab.target.Identity;
import awslab.target.Target;
import awslab.ui.Console;

/**
 * The first section of {@code status}: the target, its region, and the account the credentials
 * belong to (STS, short timeout), or what is missing to connect.
 */
final class TargetStatus implements StatusSection {
    private final ShellSession session;

    TargetStatus(ShellSession session) {
        this.session = session;
    }

    @Override
    public void render(ShellContext ctx) {
        Console console = session.console();
        Target target = session.target();
        console.info("msg.status.target", describe(session, target));
        console.info("msg.status.region", target.region());
        var missing = session.targets().missing(target);
        if (missing.isPresent()) {
            console.warn(missing.get().key(), missing.get().args());
            return;
        }
        Identity identity = Identity.of(session.clients().sts());
        console.info("msg.status.account", identity.account(), identity.arn());
        if (target.kind() == Target.Kind.SANDBOX) {
            console.info("msg.target.sandbox.hint");
        }
    }

    /** One line, before a run without a prompt: the target and its region. */
    static void sayBeforeRun(ShellSession session) {
        Target target = session.target();
        session.console().info("msg.target.beforeRun", describe(session, target), target.region());
    }

    /** The target in words, e.g. "AWS (profile awslab)". */
    static String describe(ShellSession session, Target target) {
        return switch (target.kind()) {
            case SANDBOX -> session.messages().get("msg.target.sandbox");
            case ENDPOINT -> session.messages().get("msg.target.endpoint", target.endpoint().orElseThrow());
            case AWS -> target.profile()
                    .map(p -> session.messages().get("msg.target.aws.profile", p))
                    .orElseGet(() -> session.messages().get("msg.target.aws.env"));
        };
    }
}
