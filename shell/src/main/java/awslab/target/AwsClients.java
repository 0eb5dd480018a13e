package awslab.target;

import java.util.List;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of the active target, built once by {@link ClientFactory}. Commands and Java
 * snippets use these very objects.
 *
 * <pre>
 * AwsClients clients = ctx().clients();
 * clients.ec2().describeInstances();
 * </pre>
 */
public record AwsClients(
        Ec2Client ec2,
        AutoScalingClient autoScaling,
        ElasticLoadBalancingV2Client elb,
        StsClient sts,
        SsmClient ssm,
        CloudWatchClient cloudWatch) implements AutoCloseable {

    /** Every client, for closing. */
    public List<SdkClient> all() {
        return List.of(ec2, autoScaling, elb, sts, ssm, cloudWatch);
    }

    @Override
    public void close() {
        all().forEach(SdkClient::close);
    }
}
