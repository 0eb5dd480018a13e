package awslab;

import awslab.cli.Interpreter;
import awslab.cli.ShellSession;
import awslab.fleet.FleetWiring;
import awslab.fleet.LabLaunchSpecs;
import awslab.lab.Instances;
import awslab.lab.LearnerLab;
import awslab.lab.Waiting;
import awslab.lab.cmd.InstanceCandidates;
import awslab.sandbox.Sandbox;
import awslab.sandbox.SandboxConfig;
import awslab.sandbox.SandboxTimings;
import awslab.ssh.SshBusyLoop;
import awslab.target.LocalCloud;
import awslab.target.Targets;
import awslab.ui.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The composition root: once the session exists, plugs the parts into each other — the sandbox
 * behind the SANDBOX target, part 1's launch settings and SSH into the fleet commands, instance
 * completion, and the interpreter for the instructor's demo. Nothing here talks to AWS.
 */
public final class Wiring {
    private Wiring() {}

    public static void wire(ShellSession session, Targets targets, Interpreter interpreter, Path stateDir) {
        session.provide(Interpreter.class, interpreter);
        targets.localCloud(() -> startSandbox(session, stateDir));
        FleetWiring.install(FleetWiring.defaults()
                .withLaunchSpecs(new LabLaunchSpecs(stateDir))
                .withBusyLoop(new SshBusyLoop(session)));
        InstanceCandidates.source(() -> new Instances(session.clients().ec2(), Progress.SILENT, Waiting.immediate()));
    }

    /** Starts the local cloud on first use and says what it is, since its timings are not AWS's. */
    private static LocalCloud startSandbox(ShellSession session, Path stateDir) {
        Say out = (key, args) -> say(session, key, args);
        out.info("msg.sandbox.starting");
        try {
            Sandbox sandbox = Sandbox.start(SandboxConfig.defaults(stateDir));
            SandboxTimings timings = sandbox.timings();
            out.info("msg.sandbox.ready", sandbox.endpoint(), Sandbox.ACCOUNT, Sandbox.REGION.id());
            out.info("msg.sandbox.fiction");
            out.info("msg.sandbox.key", sandbox.labKeyFile());
            out.info("msg.sandbox.timings", timings.metricPeriod().toSeconds(), timings.scaleOutAfter().toSeconds(),
                    timings.scaleInAfter().toSeconds());
            out.info("msg.sandbox.limit", LearnerLab.MAX_RUNNING_INSTANCES);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            throw new UserException(e, "err.sandbox.start", String.valueOf(e.getMessage()));
        }
    }

    private interface Say {
        void info(String key, Object... args);
    }

    /** The sandbox starts in the background while the prompt shows: print above it, not through it. */
    private static void say(ShellSession session, String key, Object... args) {
        session.reader().ifPresentOrElse(
                reader -> reader.printAbove(session.messages().get(key, args)),
                () -> session.console().info(key, args));
    }
}
