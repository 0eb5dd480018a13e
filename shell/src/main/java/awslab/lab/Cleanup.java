package awslab.lab;

import awslab.i18n.AwsWord;
import awslab.api.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import awslab.api.AwsClients;

/**
 * Deletes everything the shell created, found by its {@link LabTags#MANAGED} tag (so it works
 * even when local state is lost), in dependency order: load balancers, target groups, Auto
 * Scaling groups, instances (waiting until terminated), launch templates, security groups, and
 * the shell's own key pair with its private key file. Never {@code vockey}, never anything
 * untagged. Safe to run again: a second run finds nothing and deletes nothing.
 *
 * <pre>
 * List&lt;Cleanup.Deleted&gt; deleted = new Cleanup(clients, stateDir, progress, Waiting.aws()).run();
 * </pre>
 */
public final class Cleanup {
    private final AwsClients clients;
    private final Path stateDir;
    private final Progress progress;
    private final Waiting waiting;
    private final TaggedResources tagged;

    /** One of the shell's resources: its kind ({@code instance}, {@code security-group}, …), id and name. */
    public record Resource(String kind, String id, String name) {}

    public Cleanup(AwsClients clients, Path stateDir, Progress progress, Waiting waiting) {
        this.clients = clients;
        this.stateDir = stateDir;
        this.progress = progress;
        this.waiting = waiting;
        this.tagged = new TaggedResources(clients);
    }

    /**
     * What {@link #run} would delete now, in the order it would (an Auto Scaling group's instances
     * included), read-only: for the user to see before agreeing.
     */
    public List<Resource> plan() {
        List<Resource> found = new ArrayList<>();
        tagged.loadBalancers().forEach(lb -> found.add(new Resource("load-balancer", lb.id(), lb.name())));
        tagged.targetGroups().forEach(tg -> found.add(new Resource("target-group", tg.id(), tg.name())));
        tagged.autoScalingGroups().forEach(g -> found.add(new Resource("auto-scaling-group", g.autoScalingGroupName(),
                g.autoScalingGroupName())));
        new Instances(clients.ec2(), Progress.SILENT, waiting).list().stream().filter(i -> !i.isGone())
                .forEach(i -> found.add(new Resource("instance", i.id(), i.name())));
        tagged.launchTemplates().forEach(lt -> found.add(new Resource("launch-template", lt.launchTemplateId(),
                lt.launchTemplateName())));
        tagged.securityGroups().forEach(sg -> found.add(new Resource("security-group", sg.groupId(), sg.groupName())));
        tagged.keyPairs().stream().filter(k -> !LabNames.LAB_KEY_PAIR.equals(k.keyName()))
                .forEach(k -> found.add(new Resource("key-pair", k.keyPairId(), k.keyName())));
        return found;
    }

    /** Deletes what is left and says what it deleted (empty when nothing was left). */
    public List<Resource> run() {
        List<Resource> deleted = new ArrayList<>();
        for (TaggedResources.Named lb : tagged.loadBalancers()) {
            progress.apiCall("aws elbv2 delete-load-balancer --load-balancer-arn " + lb.id(),
                    "elb.deleteLoadBalancer(r -> r.loadBalancerArn(\"" + lb.id() + "\"))");
            clients.elb().deleteLoadBalancer(r -> r.loadBalancerArn(lb.id()));
            done(deleted, "load-balancer", lb.id(), lb.name());
        }
        // A target group stays "in use" until its load balancer is really gone.
        waitUntil(() -> tagged.loadBalancers().isEmpty());
        for (TaggedResources.Named tg : tagged.targetGroups()) {
            progress.apiCall("aws elbv2 delete-target-group --target-group-arn " + tg.id(),
                    "elb.deleteTargetGroup(r -> r.targetGroupArn(\"" + tg.id() + "\"))");
            clients.elb().deleteTargetGroup(r -> r.targetGroupArn(tg.id()));
            done(deleted, "target-group", tg.id(), tg.name());
        }
        for (AutoScalingGroup group : tagged.autoScalingGroups()) {
            String name = group.autoScalingGroupName();
            progress.apiCall("aws autoscaling delete-auto-scaling-group --auto-scaling-group-name " + name + " --force-delete",
                    "autoScaling.deleteAutoScalingGroup(r -> r.autoScalingGroupName(\"" + name + "\").forceDelete(true))");
            clients.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName(name).forceDelete(true));
            done(deleted, "auto-scaling-group", name, name);
        }
        waitUntil(() -> tagged.autoScalingGroups().isEmpty());
        Instances instances = new Instances(clients.ec2(), progress, waiting);
        for (LabInstance instance : instances.list()) {
            if (!instance.isGone()) {
                instances.terminate(instance.id());
            }
            done(deleted, "instance", instance.id(), instance.name());
        }
        for (LaunchTemplate template : tagged.launchTemplates()) {
            progress.apiCall("aws ec2 delete-launch-template --launch-template-id " + template.launchTemplateId(),
                    "ec2.deleteLaunchTemplate(r -> r.launchTemplateId(\"" + template.launchTemplateId() + "\"))");
            clients.ec2().deleteLaunchTemplate(r -> r.launchTemplateId(template.launchTemplateId()));
            done(deleted, "launch-template", template.launchTemplateId(), template.launchTemplateName());
        }
        deleteSecurityGroups(deleted);
        deleteOwnKeyPair(deleted);
        return deleted;
    }

    private void deleteSecurityGroups(List<Resource> deleted) {
        List<SecurityGroup> groups = tagged.securityGroups();
        // Groups may name each other in their rules (the web group lets the load balancer's in):
        // drop those rules first, or neither can be deleted.
        for (SecurityGroup group : groups) {
            var references = group.ipPermissions().stream().filter(p -> !p.userIdGroupPairs().isEmpty()).toList();
            if (!references.isEmpty()) {
                clients.ec2().revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(references));
            }
        }
        for (SecurityGroup group : groups) {
            progress.apiCall("aws ec2 delete-security-group --group-id " + group.groupId(),
                    "ec2.deleteSecurityGroup(r -> r.groupId(\"" + group.groupId() + "\"))");
            // Network interfaces of just-terminated instances hold their group for a while.
            boolean gone = false;
            for (int attempt = 0; attempt < waiting.maxAttempts() && !gone; attempt++) {
                try {
                    clients.ec2().deleteSecurityGroup(r -> r.groupId(group.groupId()));
                    gone = true;
                } catch (AwsServiceException e) {
                    if (!"DependencyViolation".equals(e.awsErrorDetails().errorCode()) || attempt == waiting.maxAttempts() - 1) {
                        throw e;
                    }
                    waiting.pause();
                }
            }
            done(deleted, "security-group", group.groupId(), group.groupName());
        }
    }

    private void deleteOwnKeyPair(List<Resource> deleted) {
        for (KeyPairInfo key : tagged.keyPairs()) {
            if (LabNames.LAB_KEY_PAIR.equals(key.keyName())) {
                continue; // the Learner Lab's key: never ours to delete, whatever its tags say
            }
            progress.apiCall("aws ec2 delete-key-pair --key-name " + key.keyName(),
                    "ec2.deleteKeyPair(r -> r.keyName(\"" + key.keyName() + "\"))");
            clients.ec2().deleteKeyPair(r -> r.keyName(key.keyName()));
            done(deleted, "key-pair", key.keyPairId(), key.keyName());
            try {
                Files.deleteIfExists(KeyPairs.privateKeyFile(stateDir, key.keyName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void done(List<Resource> deleted, String kind, String id, String name) {
        deleted.add(new Resource(kind, id, name));
        progress.step("msg.lab.cleanup.deleted", AwsWord.resource(kind), id, name);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        for (int attempt = 0; attempt < waiting.maxAttempts() && !condition.getAsBoolean(); attempt++) {
            waiting.pause();
        }
    }
}
