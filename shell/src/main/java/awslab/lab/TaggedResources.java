package awslab.lab;

import awslab.api.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Read-only queries for what the shell created, by its {@link LabTags#MANAGED} tag, across the
 * services the lab uses. {@code cleanup} deletes what these find; the {@code nothing-left}
 * checkpoint proves they find nothing.
 *
 * <pre>
 * boolean clean = new TaggedResources(clients).securityGroups().isEmpty();
 * </pre>
 */
public final class TaggedResources {
    private final AwsClients clients;

    /** A load balancer or target group: its ARN and name. */
    public record Named(String id, String name) {}

    public TaggedResources(AwsClients clients) {
        this.clients = clients;
    }

    public List<SecurityGroup> securityGroups() {
        return clients.ec2().describeSecurityGroups(r -> r.filters(LabTags.managedFilter())).securityGroups();
    }

    public List<LaunchTemplate> launchTemplates() {
        return clients.ec2().describeLaunchTemplates(r -> r.filters(LabTags.managedFilter())).launchTemplates();
    }

    public List<KeyPairInfo> keyPairs() {
        return clients.ec2().describeKeyPairs(r -> r.filters(LabTags.managedFilter())).keyPairs();
    }

    public List<AutoScalingGroup> autoScalingGroups() {
        return clients.autoScaling().describeAutoScalingGroupsPaginator(r -> {}).autoScalingGroups().stream()
                .filter(g -> g.tags().stream().anyMatch(t -> LabTags.MANAGED.equals(t.key()) && LabTags.MANAGED_VALUE.equals(t.value())))
                .toList();
    }

    public List<Named> loadBalancers() {
        List<LoadBalancer> all = clients.elb().describeLoadBalancers(r -> {}).loadBalancers();
        Map<String, String> names = all.stream().collect(Collectors.toMap(LoadBalancer::loadBalancerArn, LoadBalancer::loadBalancerName));
        return managed(names);
    }

    public List<Named> targetGroups() {
        List<TargetGroup> all = clients.elb().describeTargetGroups(r -> {}).targetGroups();
        Map<String, String> names = all.stream().collect(Collectors.toMap(TargetGroup::targetGroupArn, TargetGroup::targetGroupName));
        return managed(names);
    }

    /** Those of {@code names} (ARN to name) whose tags mark them as the shell's; DescribeTags takes 20 ARNs at a time. */
    private List<Named> managed(Map<String, String> names) {
        List<String> arns = new ArrayList<>(names.keySet());
        List<Named> managed = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 20));
            for (TagDescription description : clients.elb().describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
                boolean ours = description.tags().stream()
                        .anyMatch(t -> LabTags.MANAGED.equals(t.key()) && LabTags.MANAGED_VALUE.equals(t.value()));
                if (ours) {
                    managed.add(new Named(description.resourceArn(), names.get(description.resourceArn())));
                }
            }
        }
        return managed;
    }
}
