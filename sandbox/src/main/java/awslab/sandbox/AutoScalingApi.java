package awslab.sandbox;

import awslab.sandbox.CloudState.Activity;
import awslab.sandbox.CloudState.Group;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.LaunchTemplate;
import awslab.sandbox.CloudState.Member;
import awslab.sandbox.CloudState.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Auto Scaling in the AWS Query protocol: groups, their instances, target-tracking policies and
 * scaling activities. The API only records intent (the desired capacity); {@link AutoScaling}'s
 * reconciler makes it true, as on AWS, where a new group's instances appear moments later.
 *
 * <pre>
 * String xml = new AutoScalingApi(cloud, autoScaling).handle("DescribeAutoScalingGroups", params, requestId);
 * </pre>
 */
final class AutoScalingApi {
    private static final String ARN_PREFIX = "arn:aws:autoscaling:" + CloudState.REGION + ":" + CloudState.ACCOUNT + ":";

    private final Cloud cloud;
    private final CloudState state;
    private final AutoScaling scaling;

    AutoScalingApi(Cloud cloud, AutoScaling scaling) {
        this.cloud = cloud;
        this.state = cloud.state;
        this.scaling = scaling;
    }

    String handle(String action, Params p, String requestId) {
        Xml xml = new Xml().open(action + "Response", Xml.AUTOSCALING_NS);
        synchronized (cloud) {
            xml.open(action + "Result");
            switch (action) {
                case "CreateAutoScalingGroup" -> createGroup(p);
                case "DescribeAutoScalingGroups" -> describeGroups(p, xml);
                case "UpdateAutoScalingGroup" -> updateGroup(p);
                case "SetDesiredCapacity" -> {
                    Group group = group(p.required("AutoScalingGroupName"));
                    int desired = p.integer("DesiredCapacity", group.desired);
                    checkSizes(group.min, group.max, desired);
                    userChange(group, desired);
                }
                case "DeleteAutoScalingGroup" -> deleteGroup(p);
                case "DescribeAutoScalingInstances" -> describeInstances(p, xml);
                case "PutScalingPolicy" -> putPolicy(p, xml);
                case "DescribePolicies" -> describePolicies(p, xml);
                case "DeletePolicy" -> group(p.required("AutoScalingGroupName")).policies
                        .removeIf(policy -> policy.name.equals(p.get("PolicyName")) || policy.arn.equals(p.get("PolicyName")));
                case "DescribeScalingActivities" -> describeActivities(p, xml);
                case "TerminateInstanceInAutoScalingGroup" -> terminateInstance(p, xml);
                case "CreateOrUpdateTags" -> updateTags(p);
                case "AttachLoadBalancerTargetGroups" -> {
                    Group group = group(p.required("AutoScalingGroupName"));
                    for (String arn : p.list("TargetGroupARNs")) {
                        if (!state.targetGroups.containsKey(arn)) {
                            throw AwsError.badRequest("ValidationError", "Provided Target Groups may not be valid.");
                        }
                        if (!group.targetGroupArns.contains(arn)) {
                            group.targetGroupArns.add(arn);
                            group.members.values().stream().filter(m -> "InService".equals(m.lifecycle))
                                    .forEach(m -> scaling.register(group, m.instanceId));
                        }
                    }
                }
                case "DetachLoadBalancerTargetGroups" -> {
                    Group group = group(p.required("AutoScalingGroupName"));
                    for (String arn : p.list("TargetGroupARNs")) {
                        group.targetGroupArns.remove(arn);
                        var targetGroup = state.targetGroups.get(arn);
                        if (targetGroup != null) {
                            group.members.keySet().forEach(targetGroup.targets::remove);
                        }
                    }
                }
                default -> throw AwsError.unsupported("autoscaling", action);
            }
            xml.end();
        }
        return xml.open("ResponseMetadata").leaf("RequestId", requestId).end().end().toString();
    }

    private void createGroup(Params p) {
        String name = p.required("AutoScalingGroupName");
        if (state.groups.containsKey(name)) {
            throw AwsError.badRequest("AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name " + name + " already exists");
        }
        Group group = new Group();
        group.name = name;
        group.arn = ARN_PREFIX + "autoScalingGroup:" + UUID.randomUUID() + ":autoScalingGroupName/" + name;
        launchTemplate(group, p);
        if (group.launchTemplateId == null) {
            throw AwsError.badRequest("ValidationError", "The sandbox needs a launch template (LaunchTemplate) to create a group");
        }
        group.min = p.integer("MinSize", 0);
        group.max = p.integer("MaxSize", 0);
        group.desired = p.integer("DesiredCapacity", group.min);
        checkSizes(group.min, group.max, group.desired);
        subnets(group, p);
        group.targetGroupArns.addAll(p.list("TargetGroupARNs"));
        for (String arn : group.targetGroupArns) {
            if (!state.targetGroups.containsKey(arn)) {
                throw AwsError.badRequest("ValidationError", "Provided Target Groups may not be valid. Please ensure they exist and try again.");
            }
        }
        group.healthCheckType = p.get("HealthCheckType", "EC2");
        group.healthCheckGrace = p.integer("HealthCheckGracePeriod", 300);
        group.defaultCooldown = p.integer("DefaultCooldown", 300);
        group.created = Cloud.now();
        tags(group, p);
        group.pendingCause = "At " + group.created + " a user request created an AutoScalingGroup changing the desired capacity from 0 to "
                + group.desired + ".";
        state.groups.put(name, group);
    }

    private void launchTemplate(Group group, Params p) {
        Params spec = p.sub("LaunchTemplate.");
        if (spec == null) {
            return;
        }
        LaunchTemplate template = spec.has("LaunchTemplateId") ? state.launchTemplates.get(spec.get("LaunchTemplateId"))
                : state.launchTemplates.values().stream().filter(t -> t.name.equals(spec.get("LaunchTemplateName"))).findFirst().orElse(null);
        if (template == null) {
            throw AwsError.badRequest("ValidationError", "The specified launch template, with template "
                    + (spec.has("LaunchTemplateId") ? "ID " + spec.get("LaunchTemplateId") : "name " + spec.get("LaunchTemplateName"))
                    + ", does not exist.");
        }
        String version = spec.get("Version", "$Default");
        template.version(version);
        group.launchTemplateId = template.id;
        group.launchTemplateName = template.name;
        group.launchTemplateVersion = version;
    }

    private static void subnets(Group group, Params p) {
        List<String> subnets = new ArrayList<>();
        String zoneIdentifier = p.get("VPCZoneIdentifier");
        if (zoneIdentifier != null) {
            Arrays.stream(zoneIdentifier.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(subnets::add);
        }
        p.list("AvailabilityZones").forEach(zone -> subnets.add(CloudState.zoneNamed(zone).subnetId()));
        if (subnets.isEmpty() && group.subnetIds.isEmpty()) {
            throw AwsError.badRequest("ValidationError", "At least one Availability Zone or VPC Subnet is required.");
        }
        if (!subnets.isEmpty()) {
            subnets.forEach(CloudState::zoneOfSubnet);
            group.subnetIds.clear();
            group.subnetIds.addAll(new LinkedHashSet<>(subnets));
        }
    }

    private static void checkSizes(int min, int max, int desired) {
        if (min > max) {
            throw AwsError.badRequest("ValidationError", "Max bound, " + max + ", must be greater than or equal to min bound, " + min);
        }
        if (desired < min || desired > max) {
            throw AwsError.badRequest("ValidationError", "Desired capacity:" + desired + " must be between the specified min size:" + min
                    + " and max size:" + max);
        }
    }

    private void userChange(Group group, int desired) {
        if (desired != group.desired) {
            group.pendingCause = "At " + Cloud.now() + " a user request explicitly set group desired capacity changing the desired capacity from "
                    + group.desired + " to " + desired + ".";
            group.desired = desired;
        }
    }

    private Group group(String name) {
        Group group = state.groups.get(name);
        if (group == null) {
            throw AwsError.badRequest("ValidationError", "AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found");
        }
        return group;
    }

    private void updateGroup(Params p) {
        Group group = group(p.required("AutoScalingGroupName"));
        int min = p.integer("MinSize", group.min);
        int max = p.integer("MaxSize", group.max);
        int desired = p.integer("DesiredCapacity", Math.max(min, Math.min(max, group.desired)));
        checkSizes(min, max, desired);
        launchTemplate(group, p);
        if (p.has("VPCZoneIdentifier") || !p.list("AvailabilityZones").isEmpty()) {
            subnets(group, p);
        }
        group.min = min;
        group.max = max;
        userChange(group, desired);
        group.healthCheckType = p.get("HealthCheckType", group.healthCheckType);
        group.healthCheckGrace = p.integer("HealthCheckGracePeriod", group.healthCheckGrace);
    }

    private void deleteGroup(Params p) {
        Group group = group(p.required("AutoScalingGroupName"));
        boolean force = "true".equalsIgnoreCase(p.get("ForceDelete"));
        if (!group.members.isEmpty() && !force) {
            throw AwsError.badRequest("ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance"
                    + " requests");
        }
        group.status = "Delete in progress";
        group.forceDelete = force;
        group.desired = 0;
        group.min = 0;
        if (group.members.isEmpty()) {
            state.groups.remove(group.name);
        }
    }

    private void describeGroups(Params p, Xml xml) {
        List<String> names = p.list("AutoScalingGroupNames");
        xml.open("AutoScalingGroups");
        for (Group group : state.groups.values()) {
            if (!names.isEmpty() && !names.contains(group.name)) {
                continue;
            }
            xml.open("member").leaf("AutoScalingGroupName", group.name).leaf("AutoScalingGroupARN", group.arn);
            templateXml(xml, group, group.launchTemplateVersion);
            xml.leaf("MinSize", group.min).leaf("MaxSize", group.max).leaf("DesiredCapacity", group.desired)
                    .leaf("DefaultCooldown", group.defaultCooldown).open("AvailabilityZones");
            group.subnetIds.stream().map(s -> CloudState.zoneOfSubnet(s).name()).distinct().forEach(z -> xml.leaf("member", z));
            xml.end().open("LoadBalancerNames").end().open("TargetGroupARNs");
            group.targetGroupArns.forEach(arn -> xml.leaf("member", arn));
            xml.end().leaf("HealthCheckType", group.healthCheckType).leaf("HealthCheckGracePeriod", group.healthCheckGrace)
                    .open("Instances");
            for (Member member : group.members.values()) {
                Instance instance = state.instances.get(member.instanceId);
                xml.open("member").leaf("InstanceId", member.instanceId).leaf("InstanceType", instance == null ? null : instance.instanceType)
                        .leaf("AvailabilityZone", member.zone).leaf("LifecycleState", member.lifecycle).leaf("HealthStatus", member.health);
                templateXml(xml, group, instance == null ? null : instance.launchTemplateVersion);
                xml.leaf("ProtectedFromScaleIn", false).end();
            }
            xml.end().leaf("CreatedTime", group.created).open("SuspendedProcesses").end()
                    .leaf("VPCZoneIdentifier", String.join(",", group.subnetIds)).open("EnabledMetrics").end().open("Tags");
            group.tags.forEach((key, value) -> xml.open("member").leaf("ResourceId", group.name).leaf("ResourceType", "auto-scaling-group")
                    .leaf("Key", key).leaf("Value", value).leaf("PropagateAtLaunch", Boolean.TRUE.equals(group.propagate.get(key))).end());
            xml.end().open("TerminationPolicies").leaf("member", "Default").end().leaf("NewInstancesProtectedFromScaleIn", false)
                    .leaf("ServiceLinkedRoleARN", "arn:aws:iam::" + CloudState.ACCOUNT
                            + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
                    .leaf("Status", group.status).end();
        }
        xml.end();
    }

    private static void templateXml(Xml xml, Group group, String version) {
        xml.open("LaunchTemplate").leaf("LaunchTemplateId", group.launchTemplateId).leaf("LaunchTemplateName", group.launchTemplateName)
                .leaf("Version", version).end();
    }

    private void describeInstances(Params p, Xml xml) {
        List<String> ids = p.list("InstanceIds");
        xml.open("AutoScalingInstances");
        for (Group group : state.groups.values()) {
            for (Member member : group.members.values()) {
                if (!ids.isEmpty() && !ids.contains(member.instanceId)) {
                    continue;
                }
                Instance instance = state.instances.get(member.instanceId);
                xml.open("member").leaf("InstanceId", member.instanceId).leaf("InstanceType", instance == null ? null : instance.instanceType)
                        .leaf("AutoScalingGroupName", group.name).leaf("AvailabilityZone", member.zone)
                        .leaf("LifecycleState", member.lifecycle).leaf("HealthStatus", "Healthy".equals(member.health) ? "HEALTHY" : "UNHEALTHY");
                templateXml(xml, group, instance == null ? null : instance.launchTemplateVersion);
                xml.leaf("ProtectedFromScaleIn", false).end();
            }
        }
        xml.end();
    }

    private void putPolicy(Params p, Xml xml) {
        Group group = group(p.required("AutoScalingGroupName"));
        String name = p.required("PolicyName");
        String type = p.get("PolicyType", "SimpleScaling");
        String metric = p.get("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType");
        if (!"TargetTrackingScaling".equals(type) || !"ASGAverageCPUUtilization".equals(metric)) {
            throw AwsError.badRequest("UnsupportedOperation", "The sandbox supports target tracking on ASGAverageCPUUtilization only"
                    + " (got " + type + ", " + metric + ")");
        }
        Policy policy = group.policies.stream().filter(existing -> existing.name.equals(name)).findFirst().orElseGet(() -> {
            Policy created = new Policy();
            created.name = name;
            created.arn = ARN_PREFIX + "scalingPolicy:" + UUID.randomUUID() + ":autoScalingGroupName/" + group.name + ":policyName/" + name;
            String suffix = UUID.randomUUID().toString();
            created.alarmHigh = "TargetTracking-" + group.name + "-AlarmHigh-" + suffix;
            created.alarmLow = "TargetTracking-" + group.name + "-AlarmLow-" + UUID.randomUUID();
            group.policies.add(created);
            return created;
        });
        try {
            policy.target = Double.parseDouble(p.required("TargetTrackingConfiguration.TargetValue"));
        } catch (NumberFormatException e) {
            throw AwsError.badRequest("ValidationError", "TargetValue must be a number");
        }
        policy.disableScaleIn = "true".equalsIgnoreCase(p.get("TargetTrackingConfiguration.DisableScaleIn"));
        policy.warmup = p.integer("EstimatedInstanceWarmup");
        xml.leaf("PolicyARN", policy.arn);
        alarms(xml, policy);
    }

    private static void alarms(Xml xml, Policy policy) {
        xml.open("Alarms");
        for (String alarm : List.of(policy.alarmHigh, policy.alarmLow)) {
            xml.open("member").leaf("AlarmName", alarm)
                    .leaf("AlarmARN", "arn:aws:cloudwatch:" + CloudState.REGION + ":" + CloudState.ACCOUNT + ":alarm:" + alarm).end();
        }
        xml.end();
    }

    private void describePolicies(Params p, Xml xml) {
        String groupName = p.get("AutoScalingGroupName");
        List<String> names = p.list("PolicyNames");
        xml.open("ScalingPolicies");
        for (Group group : state.groups.values()) {
            if (groupName != null && !groupName.equals(group.name)) {
                continue;
            }
            for (Policy policy : group.policies) {
                if (!names.isEmpty() && !names.contains(policy.name) && !names.contains(policy.arn)) {
                    continue;
                }
                xml.open("member").leaf("AutoScalingGroupName", group.name).leaf("PolicyName", policy.name)
                        .leaf("PolicyARN", policy.arn).leaf("PolicyType", policy.type).leaf("EstimatedInstanceWarmup", policy.warmup);
                alarms(xml, policy);
                xml.open("TargetTrackingConfiguration").open("PredefinedMetricSpecification")
                        .leaf("PredefinedMetricType", policy.metric).end().leaf("TargetValue", policy.target)
                        .leaf("DisableScaleIn", policy.disableScaleIn).end().leaf("Enabled", true).end();
            }
        }
        xml.end();
    }

    private void describeActivities(Params p, Xml xml) {
        String groupName = p.get("AutoScalingGroupName");
        List<String> ids = p.list("ActivityIds");
        int max = p.integer("MaxRecords", 100);
        List<Activity> newestFirst = new ArrayList<>(state.activities);
        java.util.Collections.reverse(newestFirst);
        xml.open("Activities");
        int written = 0;
        for (Activity activity : newestFirst) {
            if (written >= max || groupName != null && !groupName.equals(activity.groupName) || !ids.isEmpty() && !ids.contains(activity.id)) {
                continue;
            }
            activity(xml, activity);
            written++;
        }
        xml.end();
    }

    private void activity(Xml xml, Activity activity) {
        Group group = state.groups.get(activity.groupName);
        xml.open("member").leaf("ActivityId", activity.id).leaf("AutoScalingGroupName", activity.groupName)
                .leaf("Description", activity.description).leaf("Cause", activity.cause).leaf("StartTime", activity.start)
                .leaf("EndTime", activity.end).leaf("StatusCode", activity.status)
                .leaf("Progress", "InProgress".equals(activity.status) ? 50 : 100).leaf("Details", activity.details)
                .leaf("AutoScalingGroupARN", group == null ? null : group.arn).end();
    }

    private void terminateInstance(Params p, Xml xml) {
        String id = p.required("InstanceId");
        boolean decrement = "true".equalsIgnoreCase(p.get("ShouldDecrementDesiredCapacity"));
        Group group = state.groups.values().stream().filter(g -> g.members.containsKey(id)).findFirst()
                .orElseThrow(() -> AwsError.badRequest("ValidationError", "Instance Id not found - No managed instance found for instance ID: " + id));
        if (decrement) {
            if (group.desired - 1 < group.min) {
                throw AwsError.badRequest("ValidationError", "Currently, desiredSize equals minSize (" + group.min
                        + "). Terminating instance without replacement will violate group's min size constraint. Either set"
                        + " shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            group.pendingCause = "At " + Cloud.now() + " instance " + id + " was taken out of service in response to a user request,"
                    + " shrinking the capacity from " + group.desired + " to " + (group.desired - 1) + ".";
            group.desired--;
        } else {
            group.pendingCause = "At " + Cloud.now() + " instance " + id + " was taken out of service in response to a user request.";
        }
        scaling.terminateMember(group, id, "an instance was taken out of service in response to a user request");
        xml.open("Activity");
        Activity activity = state.activities.get(state.activities.size() - 1);
        xml.leaf("ActivityId", activity.id).leaf("AutoScalingGroupName", activity.groupName).leaf("Description", activity.description)
                .leaf("Cause", activity.cause).leaf("StartTime", activity.start).leaf("StatusCode", activity.status)
                .leaf("Progress", 0).leaf("Details", activity.details).end();
    }

    private void updateTags(Params p) {
        for (Params tag : p.structs("Tags")) {
            Group group = group(tag.required("ResourceId"));
            group.tags.put(tag.required("Key"), tag.get("Value", ""));
            group.propagate.put(tag.required("Key"), "true".equalsIgnoreCase(tag.get("PropagateAtLaunch")));
        }
    }

    private static void tags(Group group, Params p) {
        for (Params tag : p.structs("Tags")) {
            group.tags.put(tag.required("Key"), tag.get("Value", ""));
            group.propagate.put(tag.required("Key"), "true".equalsIgnoreCase(tag.get("PropagateAtLaunch")));
        }
    }
}
