package awslab.lab;

import awslab.i18n.AwsWord;
import awslab.api.Progress;
import awslab.api.UserException;
import awslab.target.Deletions;
import java.util.function.Supplier;
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
    /** Say what is awaited at the first poll, then every sixth (30 s on AWS). */
    static final int SAY_EVERY = 6;

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
            Deletions.gone(() -> clients.elb().deleteLoadBalancer(r -> r.loadBalancerArn(lb.id())));
            done(deleted, "load-balancer", lb.id(), lb.name());
        }
        // A target group stays "in use" until its load balancer is really gone.
        waitUntil("load-balancer", () -> names(tagged.loadBalancers()));
        for (TaggedResources.Named tg : tagged.targetGroups()) {
            progress.apiCall("aws elbv2 delete-target-group --target-group-arn " + tg.id(),
                    "elb.deleteTargetGroup(r -> r.targetGroupArn(\"" + tg.id() + "\"))");
            Deletions.gone(() -> clients.elb().deleteTargetGroup(r -> r.targetGroupArn(tg.id())));
            done(deleted, "target-group", tg.id(), tg.name());
        }
        for (AutoScalingGroup group : tagged.autoScalingGroups()) {
            String name = group.autoScalingGroupName();
            progress.apiCall("aws autoscaling delete-auto-scaling-group --auto-scaling-group-name " + name + " --force-delete",
                    "autoScaling.deleteAutoScalingGroup(r -> r.autoScalingGroupName(\"" + name + "\").forceDelete(true))");
            // A lost answer makes the SDK ask again, and AWS then says "not found": it is gone, as wanted.
            Deletions.gone(() -> clients.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName(name).forceDelete(true)));
            done(deleted, "auto-scaling-group", name, name);
        }
        waitUntil("auto-scaling-group", () -> tagged.autoScalingGroups().stream().map(AutoScalingGroup::autoScalingGroupName).toList());
        terminateInstances(deleted);
        for (LaunchTemplate template : tagged.launchTemplates()) {
            progress.apiCall("aws ec2 delete-launch-template --launch-template-id " + template.launchTemplateId(),
                    "ec2.deleteLaunchTemplate(r -> r.launchTemplateId(\"" + template.launchTemplateId() + "\"))");
            Deletions.gone(() -> clients.ec2().deleteLaunchTemplate(r -> r.launchTemplateId(template.launchTemplateId())));
            done(deleted, "launch-template", template.launchTemplateId(), template.launchTemplateName());
        }
        deleteSecurityGroups(deleted);
        deleteOwnKeyPair(deleted);
        return deleted;
    }

    /** Terminates every instance left at once, then waits for all of them (not one after the other). */
    private void terminateInstances(List<Resource> deleted) {
        List<LabInstance> left = new Instances(clients.ec2(), progress, waiting).list();
        List<String> ids = left.stream().filter(i -> !i.isGone()).map(LabInstance::id).toList();
        if (!ids.isEmpty()) {
            progress.apiCall("aws ec2 terminate-instances --instance-ids " + String.join(" ", ids),
                    "ec2.terminateInstances(r -> r.instanceIds(" + String.join(", ", ids.stream().map(i -> "\"" + i + "\"").toList()) + "))");
            clients.ec2().terminateInstances(r -> r.instanceIds(ids));
            waitUntil("instance", () -> new Instances(clients.ec2(), progress, waiting).list().stream()
                    .filter(i -> ids.contains(i.id())).map(LabInstance::id).toList());
        }
        for (LabInstance instance : left) {
            done(deleted, "instance", instance.id(), instance.name());
        }
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
                    Deletions.gone(() -> clients.ec2().deleteSecurityGroup(r -> r.groupId(group.groupId())));
                    gone = true;
                } catch (AwsServiceException e) {
                    if (!"DependencyViolation".equals(e.awsErrorDetails().errorCode())) {
                        throw e;
                    }
                    if (attempt == waiting.maxAttempts() - 1) {
                        throw new UserException(e, "err.lab.cleanup.timeout", AwsWord.resource("security-group"), group.groupName(),
                                waiting.pollInterval().multipliedBy(waiting.maxAttempts()).toMinutes());
                    }
                    waited("security-group", List.of(group.groupName()), attempt);
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
            Deletions.gone(() -> clients.ec2().deleteKeyPair(r -> r.keyName(key.keyName())));
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

    /**
     * Waits, within {@link Waiting}'s bound, until {@code left} lists nothing, saying what it
     * waits for every {@link #SAY_EVERY} polls; past the bound, says what is still there and
     * that {@code cleanup} can be run again, instead of failing later on a resource in use.
     */
    private void waitUntil(String kind, Supplier<List<String>> left) {
        for (int attempt = 0; attempt < waiting.maxAttempts(); attempt++) {
            List<String> names = left.get();
            if (names.isEmpty()) {
                return;
            }
            waited(kind, names, attempt);
            waiting.pause();
        }
        List<String> names = left.get();
        if (!names.isEmpty()) {
            throw new UserException("err.lab.cleanup.timeout", AwsWord.resource(kind), String.join(", ", names),
                    waiting.pollInterval().multipliedBy(waiting.maxAttempts()).toMinutes());
        }
    }

    private void waited(String kind, List<String> names, int attempt) {
        if (attempt % SAY_EVERY == 0) {
            progress.step("msg.lab.cleanup.waiting", AwsWord.resource(kind), String.join(", ", names),
                    waiting.pollInterval().multipliedBy(attempt).toSeconds());
        }
    }

    private static List<String> names(List<TaggedResources.Named> resources) {
        return resources.stream().map(TaggedResources.Named::name).toList();
    }
}
