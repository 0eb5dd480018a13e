package awslab.jshell;

import java.util.List;

/**
 * The snippets every JShell session starts with: the usual Java imports, the SDK clients and
 * the EC2 model (wildcard), the Auto Scaling and load balancer model classes students need
 * (selectively: the three model packages share names such as {@code Tag}, {@code Filter},
 * {@code Instance}, and a second wildcard would make them ambiguous), and one variable per
 * client, read from {@link Bindings}.
 */
final class Startup {
    private Startup() {}

    /** Kept short: each snippet costs a compilation (~0.1 s) before the first Java answer. */
    static final List<String> IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.time.*;",
            "import software.amazon.awssdk.regions.Region;",
            "import software.amazon.awssdk.services.ec2.Ec2Client;",
            "import software.amazon.awssdk.services.ec2.model.*;",
            "import software.amazon.awssdk.services.autoscaling.AutoScalingClient;",
            "import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;",
            "import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;",
            "import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;",
            "import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;",
            "import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;",
            "import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;",
            "import software.amazon.awssdk.services.sts.StsClient;",
            "import software.amazon.awssdk.services.ssm.SsmClient;",
            "import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;");

    /** The client variables: names as DESIGN.md gives them. */
    static final List<String> VARIABLES = List.of(
            "Ec2Client ec2 = awslab.jshell.Bindings.ec2();",
            "AutoScalingClient autoScaling = awslab.jshell.Bindings.autoScaling();",
            "ElasticLoadBalancingV2Client elb = awslab.jshell.Bindings.elb();",
            "StsClient sts = awslab.jshell.Bindings.sts();",
            "SsmClient ssm = awslab.jshell.Bindings.ssm();",
            "CloudWatchClient cloudWatch = awslab.jshell.Bindings.cloudWatch();");

    /** Re-reads the clients after the target changed ({@code connect}). */
    static final List<String> REBIND = List.of(
            "ec2 = awslab.jshell.Bindings.ec2();",
            "autoScaling = awslab.jshell.Bindings.autoScaling();",
            "elb = awslab.jshell.Bindings.elb();",
            "sts = awslab.jshell.Bindings.sts();",
            "ssm = awslab.jshell.Bindings.ssm();",
            "cloudWatch = awslab.jshell.Bindings.cloudWatch();");
}
