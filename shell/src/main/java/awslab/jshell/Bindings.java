package awslab.jshell;

import awslab.api.AwsClients;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The bridge between one shell and its snippets: JShell runs in the shell's own JVM, and the
 * snippets' client variables are read from here ({@code ec2 = awslab.jshell.Bindings.of("KEY").ec2();}),
 * so snippets use the very objects the commands use. {@link JavaShell} sets the clients when they
 * are ready (never waiting for them at start) and again after the target changed. Each accessor
 * gives {@code null} when there are none.
 *
 * <p>A snippet can reach a host object only through a static, so this is the one static table
 * of the shell: keyed by each {@link JavaShell}'s own key, filled when it starts and emptied
 * when it closes, so two shells in one JVM (tests) never see each other's clients.
 *
 * <pre>
 * Bindings bindings = Bindings.open();   // JavaShell does this
 * bindings.set(clients);                 // then re-reads the variables in JShell
 * bindings.key();                        // what its snippets name
 * </pre>
 */
public final class Bindings implements AutoCloseable {
    private static final Map<String, Bindings> OPEN = new ConcurrentHashMap<>();

    private final String key;
    private volatile AwsClients clients;

    private Bindings(String key) {
        this.key = key;
    }

    /** Opens the bindings of one shell, with no clients yet. */
    static Bindings open() {
        Bindings bindings = new Bindings(UUID.randomUUID().toString());
        OPEN.put(bindings.key, bindings);
        return bindings;
    }

    /** What a snippet calls: the bindings of the shell whose key it names. */
    public static Bindings of(String key) {
        Bindings bindings = OPEN.get(key);
        if (bindings == null) {
            throw new IllegalStateException("this shell's Java session is closed");
        }
        return bindings;
    }

    String key() {
        return key;
    }

    @Override
    public void close() {
        OPEN.remove(key);
    }

    void set(AwsClients clients) {
        this.clients = clients;
    }

    public AwsClients clients() {
        return clients;
    }

    public Ec2Client ec2() {
        AwsClients c = clients();
        return c == null ? null : c.ec2();
    }

    public AutoScalingClient autoScaling() {
        AwsClients c = clients();
        return c == null ? null : c.autoScaling();
    }

    public ElasticLoadBalancingV2Client elb() {
        AwsClients c = clients();
        return c == null ? null : c.elb();
    }

    public StsClient sts() {
        AwsClients c = clients();
        return c == null ? null : c.sts();
    }

    public SsmClient ssm() {
        AwsClients c = clients();
        return c == null ? null : c.ssm();
    }

    public CloudWatchClient cloudWatch() {
        AwsClients c = clients();
        return c == null ? null : c.cloudWatch();
    }
}
