package awslab.fleet;

import awslab.lab.LabTags;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@link LabTags} in the shapes the fleet's three APIs want (EC2, ELBv2, Auto Scaling), all
 * with the lesson {@value #LESSON}, so that {@code cleanup} finds the fleet again by tags.
 */
final class FleetTags {
    /** The {@link LabTags#LESSON} value of every fleet resource. */
    static final String LESSON = "fleet";

    private FleetTags() {}

    static TagSpecification ec2(ResourceType type, String name) {
        return LabTags.ec2Spec(type, name, LESSON);
    }

    static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elb(String name) {
        return LabTags.ec2(name, LESSON).stream()
                .map(t -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                        .key(t.key()).value(t.value()).build())
                .toList();
    }

    /** Group tags, propagated to the instances it launches (so they carry the lab's tags too). */
    static List<software.amazon.awssdk.services.autoscaling.model.Tag> autoScaling(String groupName, String instanceName) {
        return LabTags.ec2(instanceName, LESSON).stream()
                .map(t -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                        .resourceId(groupName)
                        .resourceType("auto-scaling-group")
                        .key(t.key())
                        .value(t.value())
                        .propagateAtLaunch(true)
                        .build())
                .toList();
    }
}
