package awslab.cli;

import awslab.target.SandboxCloud;
import awslab.target.Target;

/**
 * What the shell says as the sandbox comes and goes. Quiet when all is as expected — the REPL's
 * banner already says where the sandbox is, so a start behind the prompt prints nothing — and
 * plain when it is not: a port taken by another program, a damaged state file set aside, a
 * sandbox of another build, a start after it had stopped. A one-shot command or a script, which
 * waits for the sandbox anyway, says that it starts. A first start (a fresh account) says once
 * what differs from AWS.
 *
 * <pre>
 * new SandboxCloud(stateDir, launch, new SandboxNotices(session));
 * </pre>
 */
public final class SandboxNotices implements SandboxCloud.Listener {
    private final ShellSession session;

    public SandboxNotices(ShellSession session) {
        this.session = session;
    }

    @Override
    public void starting(int port, boolean again) {
        if (again) {
            session.notice("msg.sandbox.startingAgain");
        } else if (session.reader().isEmpty()) {
            session.notice("msg.sandbox.starting", port == 0 ? session.messages().get("msg.sandbox.anyPort")
                    : "http://127.0.0.1:" + port);
        }
    }

    @Override
    public void ready(SandboxCloud.Status status, boolean startedHere) {
        if (status.portTaken()) {
            session.warning("msg.sandbox.portTaken", String.valueOf(status.wantedPort()), status.endpoint());
            if (startedHere && session.target().kind() == Target.Kind.SANDBOX) {
                session.switchTarget(session.target()); // clients built for the wanted port: build them for the real one
            }
        }
        if (startedHere) {
            for (String keptAs : status.damaged()) {
                session.warning("msg.state.damaged", status.stateFile(), keptAs);
                session.warning("msg.state.damaged.sandbox");
            }
        }
        if (!status.sameBuild()) {
            session.notice("msg.sandbox.otherBuild");
        }
        if (startedHere && status.fresh()) {
            SandboxTexts.differences(status, session::notice);
        }
    }
}
