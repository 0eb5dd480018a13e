package awslab.jshell;

import awslab.target.AwsClients;
import java.util.function.Supplier;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The bridge between the shell and its snippets: JShell runs in the shell's own JVM, and the
 * startup snippets read the shell's clients from here ({@code Ec2Client ec2 =
 * awslab.jshell.Bindings.ec2();}), so snippets use the very objects the commands use.
 * Each accessor gives {@code null} when the target has no usable credentials.
 *
 * <pre>
 * Bindings.use(session::clientsOrNull);
 * </pre>
 */
public final class Bindings {
    private static volatile Supplier<AwsClients> clients = () -> null;

    private Bindings() {}

    /** Where the clients come from (the session's current target). */
    public static void use(Supplier<AwsClients> source) {
        clients = source;
    }

    public static AwsClients clients() {
        return clients.get();
    }

    public static Ec2Client ec2() {
        AwsClients c = clients();
        return c == null ? null : c.ec2();
    }

    public static AutoScalingClient autoScaling() {
        AwsClients c = clients();
        return c == null ? null : c.autoScaling();
    }

    public static ElasticLoadBalancingV2Client elb() {
        AwsClients c = clients();
        return c == null ? null : c.elb();
    }

    public static StsClient sts() {
        AwsClients c = clients();
        return c == null ? null : c.sts();
    }

    public static SsmClient ssm() {
        AwsClients c = clients();
        return c == null ? null : c.ssm();
    }

    public static CloudWatchClient cloudWatch() {
        AwsClients c = clients();
        return c == null ? null : c.cloudWatch();
    }
}
