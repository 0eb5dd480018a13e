package awslab.live;

import awslab.api.AwsClients;
import awslab.lab.LabTags;
import awslab.lab.TaggedResources;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What the shell's tags still mark in the region, looked up afresh (never from the run's own
 * notes): load balancers, target groups, Auto Scaling groups, instances not yet terminated,
 * launch templates, security groups, key pairs. An empty list is the proof a run must end with.
 *
 * <pre>
 * List&lt;String&gt; left = Leftovers.in(clients); // e.g. ["instance i-0abc (pending)"]
 * </pre>
 */
final class Leftovers {
    private Leftovers() {}

    static List<String> in(AwsClients clients) {
        TaggedResources tagged = new TaggedResources(clients);
        List<String> left = new ArrayList<>();
        tagged.loadBalancers().forEach(lb -> left.add("load-balancer " + lb.name()));
        tagged.targetGroups().forEach(tg -> left.add("target-group " + tg.name()));
        tagged.autoScalingGroups().forEach(g -> left.add("auto-scaling-group " + g.autoScalingGroupName()));
        clients.ec2().describeInstancesPaginator(r -> r.filters(LabTags.managedFilter(),
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations().forEach(res -> res.instances().forEach(
                        i -> left.add("instance " + i.instanceId() + " (" + i.state().nameAsString() + ")")));
        tagged.launchTemplates().forEach(t -> left.add("launch-template " + t.launchTemplateName()));
        tagged.securityGroups().forEach(g -> left.add("security-group " + g.groupName()));
        tagged.keyPairs().forEach(k -> left.add("key-pair " + k.keyName()));
        return left;
    }

    /** Running or pending instances the shell tagged: what the instance ceiling counts. */
    static int runningInstances(AwsClients clients) {
        return (int) clients.ec2().describeInstancesPaginator(r -> r.filters(LabTags.managedFilter(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().mapToLong(res -> res.instances().size()).sum();
    }
}
