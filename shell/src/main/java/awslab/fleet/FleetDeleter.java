package awslab.fleet;

import awslab.api.UserException;
import awslab.lab.LabTags;
import awslab.api.AwsClients;
import awslab.api.Progress;
import awslab.target.Deletions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Deletes a fleet in dependency order — the group (and waits until its instances are gone),
 * the listener, the load balancer (and waits until it is gone), the target group, the launch
 * template, then the load balancer's security group once nothing refers to it. Each resource is
 * looked up by name on its own, so the deletion finishes whatever a crashed {@code fleet create}
 * left, and running it twice is harmless.
 *
 * <pre>
 * int deleted = new FleetDeleter(clients, progress, Pacer.every(Duration.ofSeconds(5))).delete(settings);
 * </pre>
 */
public final class FleetDeleter {
    static final Duration INSTANCES_GONE = Duration.ofMinutes(10);
    static final Duration LOAD_BALANCER_GONE = Duration.ofMinutes(5);
    /** The load balancer's network interfaces keep its security group busy for a while after it is deleted. */
    static final Duration SECURITY_GROUP_FREE = Duration.ofMinutes(5);

    private final AwsClients clients;
    private final Progress progress;
    private final Pacer pacer;
    private final FleetLookup lookup;

    public FleetDeleter(AwsClients clients, Progress progress, Pacer pacer) {
        this.clients = clients;
        this.progress = progress;
        this.pacer = pacer;
        this.lookup = new FleetLookup(clients);
    }

    /**
     * For {@code cleanup}: deletes every fleet the shell created (groups tagged {@code awslab:managed},
     * whatever their names, with the template, target group and load balancer each one uses),
     * then whatever is left under the lab's default names, then any load balancer security group
     * the fleet tagged. Returns how many resources were deleted.
     */
    public int deleteAllManaged() {
        int deleted = 0;
        for (AutoScalingGroup group : clients.autoScaling().describeAutoScalingGroupsPaginator().autoScalingGroups()) {
            boolean managed = group.tags().stream().anyMatch(t -> LabTags.MANAGED.equals(t.key())
                    && LabTags.MANAGED_VALUE.equals(t.value()));
            if (managed) {
                deleted += delete(settingsOf(group));
            }
        }
        deleted += delete(FleetSettings.defaults());
        for (SecurityGroup group : clients.ec2().describeSecurityGroups(r -> r.filters(LabTags.managedFilter(),
                FleetNetwork.filter("tag:" + LabTags.LESSON, FleetTags.LESSON))).securityGroups()) {
            revokeReferences(group);
            deleteSecurityGroup(group);
            deleted++;
        }
        return deleted;
    }

    /** The names of the resources a group uses, read from the group itself. */
    private FleetSettings settingsOf(AutoScalingGroup group) {
        FleetSettings defaults = FleetSettings.defaults();
        String template = group.launchTemplate() != null && group.launchTemplate().launchTemplateName() != null
                ? group.launchTemplate().launchTemplateName() : defaults.templateName();
        Optional<TargetGroup> targetGroup = group.targetGroupARNs().stream().findFirst().flatMap(lookup::targetGroupByArn);
        String loadBalancer = targetGroup.flatMap(tg -> tg.loadBalancerArns().stream().findFirst())
                .flatMap(lookup::loadBalancerByArn).map(LoadBalancer::loadBalancerName).orElse(defaults.loadBalancerName());
        return new FleetSettings(template, group.autoScalingGroupName(), loadBalancer,
                defaults.loadBalancerSecurityGroupName(),
                targetGroup.map(TargetGroup::targetGroupName).orElse(defaults.targetGroupName()),
                defaults.min(), defaults.desired(), defaults.max(), defaults.cpuTarget());
    }

    /** Deletes what exists of the fleet; returns how many resources were deleted (0: nothing was left). */
    public int delete(FleetSettings settings) {
        int deleted = 0;
        deleted += deleteGroup(settings.groupName());
        Optional<LoadBalancer> loadBalancer = lookup.loadBalancer(settings.loadBalancerName());
        if (loadBalancer.isPresent()) {
            deleted += deleteListeners(loadBalancer.get());
            deleted += deleteLoadBalancer(loadBalancer.get());
        }
        Optional<TargetGroup> targetGroup = lookup.targetGroup(settings.targetGroupName());
        if (targetGroup.isPresent()) {
            Deletions.gone(() -> clients.elb().deleteTargetGroup(r -> r.targetGroupArn(targetGroup.get().targetGroupArn())));
            progress.step("msg.fleet.deleted.targetGroup", settings.targetGroupName());
            deleted++;
        }
        Optional<String> templateId = lookup.launchTemplate(settings.templateName()).map(t -> t.launchTemplateId());
        if (templateId.isPresent()) {
            // By id: a repeated delete by name meets an error that does not say "not found" on every emulator.
            Deletions.gone(() -> clients.ec2().deleteLaunchTemplate(r -> r.launchTemplateId(templateId.get())));
            progress.step("msg.fleet.deleted.template", settings.templateName());
            deleted++;
        }
        Optional<SecurityGroup> securityGroup = lookup.managedSecurityGroup(settings.loadBalancerSecurityGroupName());
        if (securityGroup.isPresent()) {
            revokeReferences(securityGroup.get());
            deleteSecurityGroup(securityGroup.get());
            deleted++;
        }
        return deleted;
    }

    private int deleteGroup(String name) {
        Optional<AutoScalingGroup> group = lookup.group(name);
        if (group.isEmpty()) {
            return 0;
        }
        List<String> instances = group.get().instances().stream().map(Instance::instanceId).toList();
        // ForceDelete terminates the instances with the group instead of refusing while they run.
        // When the answer is lost, the SDK's second try meets "not found": the first one did it.
        Deletions.gone(() -> clients.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName(name).forceDelete(true)));
        progress.step("msg.fleet.deleting.group", name, instances.size());
        progress.apiCall("aws autoscaling delete-auto-scaling-group --auto-scaling-group-name " + name + " --force-delete",
                "autoScaling.deleteAutoScalingGroup(r -> r.autoScalingGroupName(\"" + name + "\").forceDelete(true))");
        var start = pacer.now();
        boolean gone = pacer.until(INSTANCES_GONE, () -> {
            long left = runningCount(instances) + (lookup.group(name).isPresent() ? 1 : 0);
            if (left > 0) {
                progress.step("msg.fleet.waiting.groupGone", name, Duration.between(start, pacer.now()).toSeconds());
            }
            return left == 0;
        });
        if (!gone) {
            throw new UserException("err.fleet.delete.timeout", name, INSTANCES_GONE.toMinutes());
        }
        progress.step("msg.fleet.deleted.group", name);
        return 1;
    }

    private long runningCount(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return 0;
        }
        return clients.ec2().describeInstancesPaginator(r -> r.instanceIds(instanceIds)).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED)
                .count();
    }

    private int deleteListeners(LoadBalancer loadBalancer) {
        int deleted = 0;
        for (Listener listener : lookup.listeners(loadBalancer.loadBalancerArn())) {
            Deletions.gone(() -> clients.elb().deleteListener(r -> r.listenerArn(listener.listenerArn())));
            progress.step("msg.fleet.deleted.listener", listener.port());
            deleted++;
        }
        return deleted;
    }

    private int deleteLoadBalancer(LoadBalancer loadBalancer) {
        String name = loadBalancer.loadBalancerName();
        Deletions.gone(() -> clients.elb().deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn())));
        var start = pacer.now();
        if (!pacer.until(LOAD_BALANCER_GONE, () -> {
            boolean gone = lookup.loadBalancer(name).isEmpty();
            if (!gone) {
                progress.step("msg.fleet.waiting.loadBalancerGone", name, Duration.between(start, pacer.now()).toSeconds());
            }
            return gone;
        })) {
            throw new UserException("err.fleet.delete.timeout", name, LOAD_BALANCER_GONE.toMinutes());
        }
        progress.step("msg.fleet.deleted.loadBalancer", name);
        return 1;
    }

    /** Removes the rules of other groups (the instances' "HTTP from the load balancer") that name this group. */
    private void revokeReferences(SecurityGroup loadBalancerGroup) {
        String id = loadBalancerGroup.groupId();
        for (SecurityGroup group : clients.ec2().describeSecurityGroups(r -> r.filters(
                FleetNetwork.filter("vpc-id", loadBalancerGroup.vpcId()))).securityGroups()) {
            for (IpPermission permission : group.ipPermissions()) {
                List<UserIdGroupPair> pairs = permission.userIdGroupPairs().stream()
                        .filter(p -> id.equals(p.groupId())).toList();
                if (pairs.isEmpty() || group.groupId().equals(id)) {
                    continue;
                }
                IpPermission rule = IpPermission.builder().ipProtocol(permission.ipProtocol())
                        .fromPort(permission.fromPort()).toPort(permission.toPort())
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(id).build()).build();
                clients.ec2().revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(rule));
                progress.step("msg.fleet.deleted.ingress", group.groupId(), id);
            }
        }
    }

    private void deleteSecurityGroup(SecurityGroup group) {
        AwsServiceException[] last = new AwsServiceException[1];
        boolean deleted = pacer.until(SECURITY_GROUP_FREE, () -> {
            try {
                Deletions.gone(() -> clients.ec2().deleteSecurityGroup(r -> r.groupId(group.groupId())));
                return true;
            } catch (AwsServiceException e) {
                if (e.awsErrorDetails() == null || !"DependencyViolation".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
                // The load balancer's network interfaces are still being released: try again shortly.
                last[0] = e;
                progress.step("msg.fleet.waiting.securityGroup", group.groupName());
                return false;
            }
        });
        if (!deleted) {
            throw new UserException(last[0], "err.fleet.delete.securityGroup", group.groupName(), group.groupId());
        }
        progress.step("msg.fleet.deleted.securityGroup", group.groupName(), group.groupId());
    }
}
