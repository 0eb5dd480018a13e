package awslab.jshell;

import java.util.List;

/**
 * The snippets every JShell session starts with: the usual Java imports, the SDK clients and
 * the EC2 model (wildcard), the Auto Scaling and load balancer model classes students need
 * (selectively: the three model packages share names such as {@code Tag}, {@code Filter},
 * {@code Instance}, and a second wildcard would make them ambiguous), and one variable per
 * client, read from {@link Bindings}.
 *
 * <p>Each snippet is a compilation, and the first Java answer waits for those before it: the
 * Java imports go first, in one snippet (JShell keeps an import snippet's text whole, every
 * import in it applies); the SDK's and the variables follow in the background after the first
 * answer — or at once, for a snippet that needs them; the EC2 model when first needed.
 */
final class Startup {
    private Startup() {}

    static final List<String> JAVA_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.time.*;");

    static final List<String> SDK_IMPORTS = List.of(
            "import software.amazon.awssdk.regions.Region;",
            "import software.amazon.awssdk.services.ec2.Ec2Client;",
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

    private static final List<String> CLIENTS = List.of(
            "Ec2Client ec2", "AutoScalingClient autoScaling", "ElasticLoadBalancingV2Client elb", "StsClient sts",
            "SsmClient ssm", "CloudWatchClient cloudWatch");

    /** The client variables' names, as DESIGN.md gives them. */
    static final List<String> CLIENT_NAMES = CLIENTS.stream().map(Startup::name).toList();

    /**
     * The EC2 model, whole: its 6,000 names take the compiler half a second and 15 MB, so they
     * come in when first needed (a snippet that names one of them, a completion that finds nothing).
     */
    static final String MODEL_IMPORT = "import software.amazon.awssdk.services.ec2.model.*;";

    /** The Java imports, as one snippet. */
    static String javaImports() {
        return String.join(" ", JAVA_IMPORTS);
    }

    /** The SDK's imports, as one snippet. */
    static String sdkImports() {
        return String.join(" ", SDK_IMPORTS);
    }

    /** The client variables (names as DESIGN.md gives them), read from the shell's {@link Bindings}. */
    static List<String> variables(String bindingsKey) {
        return CLIENTS.stream().map(declaration -> declaration + " = " + read(declaration, bindingsKey)).toList();
    }

    /** One snippet that reads every client again: once they are ready, and after the target changed. */
    static String rebind(String bindingsKey) {
        return CLIENTS.stream().map(declaration -> name(declaration) + " = " + read(declaration, bindingsKey))
                .collect(java.util.stream.Collectors.joining(" ", "{ ", " }"));
    }

    private static String read(String declaration, String bindingsKey) {
        return "awslab.jshell.Bindings.of(\"" + bindingsKey + "\")." + name(declaration) + "();";
    }

    private static String name(String declaration) {
        return declaration.substring(declaration.indexOf(' ') + 1);
    }
}
