package awslab.cli;

import awslab.api.ShellContext;
import awslab.api.StatusSection;
import awslab.target.SandboxCloud;
import awslab.target.Target;
import java.util.Optional;

/**
 * The sandbox's part of {@code status}, on the SANDBOX target: where it runs (the endpoint every
 * client shares), since when, when it stops by itself, and the AWS CLI and boto3 lines that
 * reach it. {@code sandbox status} says more.
 */
final class SandboxStatusSection implements StatusSection {
    private final ShellSession session;
    private final SandboxCloud cloud;

    SandboxStatusSection(ShellSession session, SandboxCloud cloud) {
        this.session = session;
        this.cloud = cloud;
    }

    @Override
    public void render(ShellContext ctx) {
        if (session.target().kind() != Target.Kind.SANDBOX) {
            return;
        }
        SandboxTexts texts = new SandboxTexts(session.console());
        Optional<SandboxCloud.Status> running = cloud.running();
        if (running.isEmpty()) {
            texts.stopped(cloud);
            return;
        }
        texts.summary(running.get());
        if (running.get().problems() > 0) {
            session.console().warn("msg.sandbox.status.problems", running.get().problems());
        }
        texts.clients(running.get().endpoint());
    }
}
