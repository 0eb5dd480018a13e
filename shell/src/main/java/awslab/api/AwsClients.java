package awslab.api;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients for the active target, built by one factory. Commands, checkpoints and JShell
 * snippets all use these very objects ({@code ec2}, {@code autoScaling}, {@code elb}, …).
 */
public record AwsClients(
        Ec2Client ec2,
        AutoScalingClient autoScaling,
        ElasticLoadBalancingV2Client elb,
        StsClient sts,
        SsmClient ssm,
        CloudWatchClient cloudWatch)
        implements AutoCloseable {

    @Override
    public void close() {
        ec2.close();
        autoScaling.close();
        elb.close();
        sts.close();
        ssm.close();
        cloudWatch.close();
    }
}
