package awslab.fleet;

import awslab.api.AwsClients;
import awslab.api.Progress;
import java.util.Optional;
import java.util.UUID;
import awslab.lab.LabTags;
import awslab.target.Creations;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.autoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.autoscaling.model.TargetTrackingConfiguration;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatesMonitoringRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Builds the lab's fleet, each resource in dependency order, reusing whatever already exists
 * by name (so a second run, or a run after a crash, duplicates nothing): the load balancer's
 * security group, "HTTP from the load balancer" on the instances' group, the launch template,
 * the target group, the load balancer, its listener, the Auto Scaling group and its
 * target-tracking policy. Each resource is reported as it appears.
 *
 * <pre>
 * FleetBuilder builder = new FleetBuilder(clients, progress);
 * FleetBuilder.Built built = builder.create(FleetSettings.defaults(), spec);
 * </pre>
 */
public final class FleetBuilder {
    /** The target-tracking policy's name on the group. */
    public static final String POLICY_NAME = "awslab-cpu-target-tracking";
    static final String HEALTH_PATH = "/health";
    /** Short checks so that new instances become healthy targets quickly: 2 × 10 s. */
    static final int HEALTH_INTERVAL_SECONDS = 10;
    static final int HEALTHY_THRESHOLD = 2;
    static final int HTTP = 80;

    private final AwsClients clients;
    private final Progress progress;
    private final FleetLookup lookup;

    public FleetBuilder(AwsClients clients, Progress progress) {
        this.clients = clients;
        this.progress = progress;
        this.lookup = new FleetLookup(clients);
    }

    /** What {@link #create} built or found. */
    public record Built(String loadBalancerDns, String loadBalancerArn, String targetGroupArn, String groupName,
            FleetNetwork network) {}

    public Built create(FleetSettings settings, LaunchSpec spec) {
        FleetNetwork network = FleetNetwork.lookUp(clients.ec2());
        String albSecurityGroup = loadBalancerSecurityGroup(settings, network);
        allowHttpFromLoadBalancer(spec.webSecurityGroupId(), albSecurityGroup);
        launchTemplate(settings, spec);
        String targetGroupArn = targetGroup(settings, network);
        LoadBalancer loadBalancer = loadBalancer(settings, network, albSecurityGroup);
        listener(loadBalancer.loadBalancerArn(), targetGroupArn);
        group(settings, network, targetGroupArn);
        scalingPolicy(settings);
        return new Built(loadBalancer.dnsName(), loadBalancer.loadBalancerArn(), targetGroupArn,
                settings.groupName(), network);
    }

    private String loadBalancerSecurityGroup(FleetSettings settings, FleetNetwork network) {
        String name = settings.loadBalancerSecurityGroupName();
        Optional<SecurityGroup> existing = lookup.managedSecurityGroup(name);
        String id;
        if (existing.isPresent()) {
            id = existing.get().groupId();
            progress.step("msg.fleet.reused.securityGroup", name, id);
        } else {
            id = Creations.once(() -> clients.ec2().createSecurityGroup(r -> r.groupName(name)
                            .description("awslab: HTTP from the internet to the fleet's load balancer")
                            .vpcId(network.vpcId())
                            .tagSpecifications(FleetTags.ec2(ResourceType.SECURITY_GROUP, name))
                            .overrideConfiguration(Creations.REFUSED_ONLY)).groupId(),
                    () -> lookup.managedSecurityGroup(name).map(SecurityGroup::groupId), this::reconciled);
            progress.step("msg.fleet.created.securityGroup", name, id);
            progress.apiCall("aws ec2 create-security-group --group-name " + name + " --vpc-id " + network.vpcId(),
                    "ec2.createSecurityGroup(r -> r.groupName(\"" + name + "\").vpcId(\"" + network.vpcId() + "\"))");
        }
        authorize(id, IpPermission.builder().ipProtocol("tcp").fromPort(HTTP).toPort(HTTP)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build());
        return id;
    }

    private void allowHttpFromLoadBalancer(String webSecurityGroupId, String albSecurityGroupId) {
        boolean added = authorize(webSecurityGroupId, IpPermission.builder().ipProtocol("tcp").fromPort(HTTP).toPort(HTTP)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(albSecurityGroupId).build()).build());
        progress.step(added ? "msg.fleet.created.ingress" : "msg.fleet.reused.ingress", webSecurityGroupId, albSecurityGroupId);
    }

    /** Adds an ingress rule; false when it was already there. */
    private boolean authorize(String groupId, IpPermission permission) {
        try {
            clients.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permission));
            return true;
        } catch (Ec2Exception e) {
            if (e.awsErrorDetails() != null && "InvalidPermission.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    private void launchTemplate(FleetSettings settings, LaunchSpec spec) {
        String name = settings.templateName();
        Optional<LaunchTemplate> existing = lookup.launchTemplate(name);
        if (existing.isPresent()) {
            progress.step("msg.fleet.reused.template", name, existing.get().launchTemplateId());
            return;
        }
        RequestLaunchTemplateData data = RequestLaunchTemplateData.builder()
                .imageId(spec.imageId())
                .instanceType(spec.instanceType())
                .keyName(spec.keyName())
                .securityGroupIds(spec.webSecurityGroupId())
                .userData(spec.userDataBase64())
                .monitoring(LaunchTemplatesMonitoringRequest.builder().enabled(spec.detailedMonitoring()).build())
                .build();
        // AWS takes a client token here: a repeated call with it makes no second template.
        String token = "awslab-" + UUID.randomUUID();
        String id = Creations.once(() -> clients.ec2().createLaunchTemplate(r -> r.launchTemplateName(name)
                        .clientToken(token)
                        .launchTemplateData(data)
                        .tagSpecifications(FleetTags.ec2(ResourceType.LAUNCH_TEMPLATE, name))
                        .overrideConfiguration(Creations.REFUSED_ONLY)).launchTemplate().launchTemplateId(),
                () -> lookup.launchTemplate(name).filter(FleetBuilder::managed).map(LaunchTemplate::launchTemplateId),
                this::reconciled);
        progress.step("msg.fleet.created.template", name, id);
        progress.apiCall("aws ec2 create-launch-template --launch-template-name " + name
                        + " --launch-template-data '{\"ImageId\":\"" + spec.imageId() + "\",\"InstanceType\":\""
                        + spec.instanceType() + "\",\"KeyName\":\"" + spec.keyName() + "\",…}'",
                "ec2.createLaunchTemplate(r -> r.launchTemplateName(\"" + name + "\").launchTemplateData(d -> d.imageId(\""
                        + spec.imageId() + "\")…))");
    }

    private String targetGroup(FleetSettings settings, FleetNetwork network) {
        String name = settings.targetGroupName();
        Optional<TargetGroup> existing = lookup.targetGroup(name);
        if (existing.isPresent()) {
            progress.step("msg.fleet.reused.targetGroup", name, existing.get().targetGroupArn());
            return existing.get().targetGroupArn();
        }
        // ELBv2 has no client token: a target group is found again by its name.
        String arn = Creations.once(() -> clients.elb().createTargetGroup(r -> r.name(name)
                        .protocol(ProtocolEnum.HTTP).port(HTTP).vpcId(network.vpcId())
                        .targetType(TargetTypeEnum.INSTANCE)
                        .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPath(HEALTH_PATH)
                        .healthCheckIntervalSeconds(HEALTH_INTERVAL_SECONDS).healthyThresholdCount(HEALTHY_THRESHOLD)
                        .matcher(Matcher.builder().httpCode("200").build())
                        .tags(FleetTags.elb(name))
                        .overrideConfiguration(Creations.REFUSED_ONLY)).targetGroups().get(0).targetGroupArn(),
                () -> lookup.targetGroup(name).map(TargetGroup::targetGroupArn), this::reconciled);
        progress.step("msg.fleet.created.targetGroup", name, arn);
        progress.apiCall("aws elbv2 create-target-group --name " + name + " --protocol HTTP --port 80 --vpc-id "
                        + network.vpcId() + " --health-check-path " + HEALTH_PATH + " --matcher HttpCode=200",
                "elb.createTargetGroup(r -> r.name(\"" + name + "\").protocol(ProtocolEnum.HTTP).port(80)"
                        + ".healthCheckPath(\"" + HEALTH_PATH + "\"))");
        return arn;
    }

    private LoadBalancer loadBalancer(FleetSettings settings, FleetNetwork network, String securityGroupId) {
        String name = settings.loadBalancerName();
        Optional<LoadBalancer> existing = lookup.loadBalancer(name);
        if (existing.isPresent()) {
            progress.step("msg.fleet.reused.loadBalancer", name, existing.get().dnsName());
            return existing.get();
        }
        LoadBalancer created = Creations.once(() -> clients.elb().createLoadBalancer(r -> r.name(name)
                        .type(LoadBalancerTypeEnum.APPLICATION).scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .subnets(network.subnetIds()).securityGroups(securityGroupId)
                        .tags(FleetTags.elb(name))
                        .overrideConfiguration(Creations.REFUSED_ONLY)).loadBalancers().get(0),
                () -> lookup.loadBalancer(name), lb -> reconciled(lb.loadBalancerName()));
        progress.step("msg.fleet.created.loadBalancer", name, created.dnsName());
        progress.apiCall("aws elbv2 create-load-balancer --name " + name + " --type application --scheme internet-facing"
                        + " --subnets " + String.join(" ", network.subnetIds()) + " --security-groups " + securityGroupId,
                "elb.createLoadBalancer(r -> r.name(\"" + name + "\").scheme(LoadBalancerSchemeEnum.INTERNET_FACING)…)");
        return created;
    }

    private void listener(String loadBalancerArn, String targetGroupArn) {
        Optional<Listener> existing = lookup.listeners(loadBalancerArn).stream()
                .filter(l -> l.port() != null && l.port() == HTTP)
                .findFirst();
        if (existing.isPresent()) {
            progress.step("msg.fleet.reused.listener", existing.get().listenerArn());
            return;
        }
        String arn = Creations.once(() -> clients.elb().createListener(r -> r.loadBalancerArn(loadBalancerArn)
                                .protocol(ProtocolEnum.HTTP).port(HTTP)
                                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build())
                                .overrideConfiguration(Creations.REFUSED_ONLY))
                        .listeners().get(0).listenerArn(),
                () -> lookup.listeners(loadBalancerArn).stream().filter(l -> l.port() != null && l.port() == HTTP)
                        .map(Listener::listenerArn).findFirst(),
                this::reconciled);
        progress.step("msg.fleet.created.listener", arn);
        progress.apiCall("aws elbv2 create-listener --load-balancer-arn " + loadBalancerArn
                        + " --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=" + targetGroupArn,
                "elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)"
                        + ".defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)))");
    }

    private void group(FleetSettings settings, FleetNetwork network, String targetGroupArn) {
        String name = settings.groupName();
        Optional<AutoScalingGroup> existing = lookup.group(name);
        if (existing.isPresent()) {
            progress.step("msg.fleet.reused.group", name, existing.get().desiredCapacity(),
                    existing.get().minSize(), existing.get().maxSize());
            return;
        }
        String zones = String.join(",", network.subnetIds());
        // No client token either: after a lost answer, "AlreadyExists" for a group tagged as ours is success.
        Creations.once(() -> {
            clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .launchTemplate(LaunchTemplateSpecification.builder()
                            .launchTemplateName(settings.templateName()).version("$Latest").build())
                    .minSize(settings.min()).maxSize(settings.max()).desiredCapacity(settings.desired())
                    .vpcZoneIdentifier(zones)
                    .targetGroupARNs(targetGroupArn)
                    .healthCheckType("ELB")
                    .healthCheckGracePeriod(FleetSettings.HEALTH_CHECK_GRACE_SECONDS)
                    .tags(FleetTags.autoScaling(name, name))
                    .overrideConfiguration(Creations.REFUSED_ONLY));
            return name;
        }, () -> lookup.group(name).filter(FleetBuilder::managed).map(AutoScalingGroup::autoScalingGroupName), this::reconciled);
        progress.step("msg.fleet.created.group", name, settings.desired(), settings.min(), settings.max(),
                String.join(", ", network.subnetByZone().keySet().stream().sorted().toList()));
        progress.apiCall("aws autoscaling create-auto-scaling-group --auto-scaling-group-name " + name
                        + " --launch-template LaunchTemplateName=" + settings.templateName()
                        + " --min-size " + settings.min() + " --max-size " + settings.max()
                        + " --desired-capacity " + settings.desired() + " --vpc-zone-identifier " + zones
                        + " --target-group-arns " + targetGroupArn + " --health-check-type ELB"
                        + " --health-check-grace-period " + FleetSettings.HEALTH_CHECK_GRACE_SECONDS,
                "autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(\"" + name + "\")"
                        + ".minSize(" + settings.min() + ").maxSize(" + settings.max() + ").healthCheckType(\"ELB\")…)");
    }

    private void reconciled(String what) {
        progress.step("msg.aws.reconciled", what);
    }

    private static boolean managed(LaunchTemplate template) {
        return template.tags().stream().anyMatch(t -> LabTags.MANAGED.equals(t.key()) && LabTags.MANAGED_VALUE.equals(t.value()));
    }

    private static boolean managed(AutoScalingGroup group) {
        return group.tags().stream().anyMatch(t -> LabTags.MANAGED.equals(t.key()) && LabTags.MANAGED_VALUE.equals(t.value()));
    }

    private void scalingPolicy(FleetSettings settings) {
        // PutScalingPolicy creates or replaces by name: running it twice leaves one policy.
        clients.autoScaling().putScalingPolicy(r -> r.autoScalingGroupName(settings.groupName())
                .policyName(POLICY_NAME)
                .policyType("TargetTrackingScaling")
                .estimatedInstanceWarmup(FleetSettings.INSTANCE_WARMUP_SECONDS)
                .targetTrackingConfiguration(TargetTrackingConfiguration.builder()
                        .predefinedMetricSpecification(PredefinedMetricSpecification.builder()
                                .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION).build())
                        .targetValue(settings.cpuTarget())
                        .build()));
        progress.step("msg.fleet.created.policy", POLICY_NAME, settings.cpuTarget());
        progress.apiCall("aws autoscaling put-scaling-policy --auto-scaling-group-name " + settings.groupName()
                        + " --policy-name " + POLICY_NAME + " --policy-type TargetTrackingScaling"
                        + " --target-tracking-configuration '{\"PredefinedMetricSpecification\":"
                        + "{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"},\"TargetValue\":"
                        + settings.cpuTarget() + "}'",
                "autoScaling.putScalingPolicy(r -> r.policyType(\"TargetTrackingScaling\")"
                        + ".targetTrackingConfiguration(t -> t.targetValue(" + settings.cpuTarget() + ")…))");
    }
}
