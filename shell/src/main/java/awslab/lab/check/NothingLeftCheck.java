package awslab.lab.check;

import awslab.lab.LabInstance;
import awslab.lab.TaggedResources;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nothing-left}: no resource the shell tagged remains — instances (other than terminated),
 * security groups, launch templates, Auto Scaling groups, load balancers, target groups. Read-only.
 */
public final class NothingLeftCheck implements Checkpoint {
    @Override
    public String id() {
        return "nothing-left";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        TaggedResources tagged = new TaggedResources(context.clients());
        List<String> left = new ArrayList<>();
        LabCheck.instances(context).list().stream().filter(i -> !i.isGone()).map(LabInstance::id).forEach(left::add);
        tagged.autoScalingGroups().forEach(g -> left.add(g.autoScalingGroupName()));
        tagged.loadBalancers().forEach(lb -> left.add(lb.name()));
        tagged.targetGroups().forEach(tg -> left.add(tg.name()));
        tagged.launchTemplates().forEach(t -> left.add(t.launchTemplateName()));
        tagged.securityGroups().forEach(g -> left.add(g.groupName() + " (" + g.groupId() + ")"));
        if (left.isEmpty()) {
            return CheckResult.passed("msg.check.nothingLeft.ok");
        }
        return CheckResult.failed("msg.check.nothingLeft.left", left.size(), String.join(", ", left));
    }
}
