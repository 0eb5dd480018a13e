package awslab.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * In the sandbox, where an instance's web service or a load balancer answers on this computer,
 * as the line a command prints beside the AWS-style address: the public IPs and DNS names there
 * are fiction, and a student needs an address a browser opens. Nothing on AWS or an emulator
 * (their {@link Reachability} is not {@linkplain Reachability#local() local}).
 *
 * <pre>
 * LocalAddresses.instance(ctx, id, publicIp).ifPresent(out::println);
 * // In the sandbox, http://203.0.113.7/ answers on this computer at http://127.0.0.1:41234/ (SSH: 127.0.0.1:41235).
 * </pre>
 */
public final class LocalAddresses {
    private LocalAddresses() {}

    /** The line for an instance (by id; its public IP, if known, must be its current one), when it is reachable locally. */
    public static Optional<String> instance(ShellContext ctx, String instanceId, String publicIp) {
        Reachability reach = ctx.reachability();
        if (!reach.local()) {
            return Optional.empty();
        }
        Optional<URI> web = reach.webService(instanceId, publicIp);
        if (web.isEmpty()) {
            return Optional.empty();
        }
        String ssh = reach.ssh(instanceId, publicIp).map(LocalAddresses::hostPort).orElse("-");
        String aws = publicIp == null ? instanceId : "http://" + publicIp + "/";
        return Optional.of(ctx.messages().get("msg.sandbox.local.instance", aws, web.get(), ssh));
    }

    /** Just the local web address of an instance (by id), when it has one: for a list where each instance has its line already. */
    public static Optional<URI> web(ShellContext ctx, String instanceId) {
        Reachability reach = ctx.reachability();
        return reach.local() ? reach.webService(instanceId, null) : Optional.empty();
    }

    /** The line for a load balancer, by its DNS name, when it is reachable locally. */
    public static Optional<String> loadBalancer(ShellContext ctx, String dnsName) {
        Reachability reach = ctx.reachability();
        if (!reach.local() || dnsName == null) {
            return Optional.empty();
        }
        return reach.loadBalancer(dnsName)
                .map(web -> ctx.messages().get("msg.sandbox.local.loadBalancer", "http://" + dnsName + "/", web, web.resolve("/instance")));
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
