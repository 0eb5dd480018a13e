package awslab.lab;

import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The tags that mark what the shell created. AWS is the source of truth: {@code status} and
 * {@code cleanup} find resources again by these tags even when local state is lost, and never
 * touch anything without {@link #MANAGED}.
 */
public final class LabTags {
    private LabTags() {}

    public static final String MANAGED = "awslab:managed";
    public static final String MANAGED_VALUE = "true";
    /** Which lesson (or command) created the resource, e.g. {@code part1}, {@code fleet}. */
    public static final String LESSON = "awslab:lesson";
    public static final String NAME = "Name";
    /**
     * The client token a resource was created with, where AWS takes one: when AWS's answer is
     * lost, the shell finds what it made by this tag (see {@link awslab.target.Creations}).
     */
    public static final String CLIENT_TOKEN = "awslab:client-token";

    /** EC2 tags for a resource the shell creates. */
    public static List<Tag> ec2(String name, String lesson) {
        return List.of(
                Tag.builder().key(MANAGED).value(MANAGED_VALUE).build(),
                Tag.builder().key(LESSON).value(lesson).build(),
                Tag.builder().key(NAME).value(name).build());
    }

    /** Tags applied at creation time, so nothing ever exists untagged. */
    public static TagSpecification ec2Spec(ResourceType type, String name, String lesson) {
        return TagSpecification.builder().resourceType(type).tags(ec2(name, lesson)).build();
    }

    /** {@code spec} with the {@link #CLIENT_TOKEN} tag added. */
    public static TagSpecification withClientToken(TagSpecification spec, String token) {
        List<Tag> tags = new java.util.ArrayList<>(spec.tags());
        tags.add(Tag.builder().key(CLIENT_TOKEN).value(token).build());
        return spec.toBuilder().tags(tags).build();
    }

    /** The describe filter that finds only what the shell created. */
    public static Filter managedFilter() {
        return Filter.builder().name("tag:" + MANAGED).values(MANAGED_VALUE).build();
    }
}
