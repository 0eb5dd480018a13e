package awslab.fleet;

import awslab.lab.LabTags;
import awslab.api.AwsClients;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Finds the fleet's resources by name, as AWS knows them now: create reuses what exists, delete
 * removes what exists, whatever a crash left behind. "Not found" is an empty result, never an
 * exception.
 *
 * <pre>
 * FleetLookup lookup = new FleetLookup(clients);
 * Optional&lt;AutoScalingGroup&gt; group = lookup.group("ASG-webservice");
 * Optional&lt;String&gt; owner = lookup.groupOf("i-0abc"); // which group an instance belongs to
 * </pre>
 */
public final class FleetLookup {
    private final AwsClients clients;

    public FleetLookup(AwsClients clients) {
        this.clients = clients;
    }

    public Optional<AutoScalingGroup> group(String name) {
        return clients.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().stream()
                .filter(g -> name.equals(g.autoScalingGroupName()))
                .findFirst();
    }

    /** The Auto Scaling group an instance belongs to, e.g. so that {@code terminate} can say it will be replaced. */
    public Optional<String> groupOf(String instanceId) {
        return clients.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(instanceId))
                .autoScalingInstances().stream()
                .filter(i -> instanceId.equals(i.instanceId()))
                .map(AutoScalingInstanceDetails::autoScalingGroupName)
                .findFirst();
    }

    public Optional<LaunchTemplate> launchTemplate(String name) {
        try {
            return clients.ec2().describeLaunchTemplates(r -> r.launchTemplateNames(name)).launchTemplates().stream()
                    .filter(t -> name.equals(t.launchTemplateName()))
                    .findFirst();
        } catch (Ec2Exception e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<LoadBalancer> loadBalancer(String name) {
        try {
            return clients.elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<LoadBalancer> loadBalancerByArn(String arn) {
        try {
            return clients.elb().describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<TargetGroup> targetGroup(String name) {
        try {
            return clients.elb().describeTargetGroups(r -> r.names(name)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<TargetGroup> targetGroupByArn(String arn) {
        try {
            return clients.elb().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    public List<Listener> listeners(String loadBalancerArn) {
        try {
            return clients.elb().describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners();
        } catch (LoadBalancerNotFoundException e) {
            return List.of();
        }
    }

    /** A security group the shell created with this name (never one it did not create). */
    public Optional<SecurityGroup> managedSecurityGroup(String name) {
        return clients.ec2().describeSecurityGroups(r -> r.filters(
                        FleetNetwork.filter("group-name", name), LabTags.managedFilter()))
                .securityGroups().stream()
                .findFirst();
    }

    private static boolean isNotFound(Ec2Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return code != null && (code.contains("NotFound") || code.contains("NotFoundException"));
    }
}
