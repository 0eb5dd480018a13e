package awslab.ssh;

import awslab.api.UserException;
import awslab.api.ShellContext;
import awslab.fleet.BusyLoopRunner;
import awslab.lab.LabNames;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * {@code burn-cpu} over SSH: the lab's busy loop runs on the instance as a named background job
 * that ends by itself after its limit ({@link SshSessions#startBackground}), and {@code stop}
 * kills that job's whole process group.
 *
 * <pre>
 * FleetWiring.install(FleetWiring.current().withBusyLoop(new SshBusyLoop(ctx)));
 * </pre>
 */
public final class SshBusyLoop implements BusyLoopRunner {
    /** The background job's name on the instance (its pid file is {@code ~/.awslab/burn-cpu.pid}). */
    static final String JOB = "burn-cpu";

    private final ShellContext ctx;

    public SshBusyLoop(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void start(String instanceId, Duration limit) {
        Connection connection = connect(instanceId);
        connection.sessions().startBackground(connection.target(), connection.key(), JOB, LOOP, limit);
    }

    @Override
    public void stop(String instanceId) {
        Connection connection = connect(instanceId);
        connection.sessions().stopBackground(connection.target(), connection.key(), JOB);
    }

    private record Connection(SshSessions sessions, SshTarget target, Path key) {}

    private Connection connect(String instanceId) {
        Instance instance = new LabInstanceLookup(ctx.clients().ec2()).byId(instanceId)
                .orElseThrow(() -> new UserException("err.ssh.instance.notFound", instanceId));
        InetSocketAddress address = ctx.reachability().ssh(instance.instanceId(), instance.publicIpAddress())
                .orElseThrow(() -> new UserException("err.ssh.notReachable", instance.instanceId()));
        Path key = KeyLocator.defaults(ctx.stateDir()).locate(null, instance.keyName());
        KeyLocator.requirePrivate(key);
        SshTarget target = SshTarget.of(instance.instanceId(), address, LabNames.SSH_USER, instance.keyName());
        return new Connection(new SshSessions(HostKeys.in(ctx.files(), ctx.stateDir()), ctx.progress()), target, key);
    }
}
