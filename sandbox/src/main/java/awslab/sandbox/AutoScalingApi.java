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
    private final Cloud cloud;
    private final CloudState state;
    private final AutoScaling scaling;

    AutoScalingApi(Cloud cloud, AutoScaling scaling) {
        this.cloud = cloud;
        this.state = cloud.state;
        this.scaling = scaling;
    }

    String handle(String action, Params p, Call call) {
        CloudRegion region = call.region();
        Xml xml = new Xml().open(action + "Response", Xml.AUTOSCALING_NS);
        synchronized (cloud) {
            xml.open(action + "Result");
            switch (action) {
                case "CreateAutoScalingGroup" -> createGroup(p, region);
                case "DescribeAutoScalingGroups" -> describeGroups(p, xml, region);
                case "UpdateAutoScalingGroup" -> updateGroup(p, region);
                case "SetDesiredCapacity" -> {
                    Group group = group(region, p.required("AutoScalingGroupName"));
                    int desired = p.integer("DesiredCapacity", group.desired);
                    checkSizes(group.min, group.max, desired);
                    userChange(group, desired);
                }
                case "DeleteAutoScalingGroup" -> deleteGroup(p, region);
                case "DescribeAutoScalingInstances" -> describeInstances(p, xml, region);
                case "PutScalingPolicy" -> putPolicy(p, xml, region);
                case "DescribePolicies" -> describePolicies(p, xml, region);
                case "DeletePolicy" -> group(region, p.required("AutoScalingGroupName")).policies
                        .removeIf(policy -> policy.name.equals(p.get("PolicyName")) || policy.arn.equals(p.get("PolicyName")));
                case "DescribeScalingActivities" -> describeActivities(p, xml, region);
                case "TerminateInstanceInAutoScalingGroup" -> terminateInstance(p, xml, region);
                case "CreateOrUpdateTags" -> updateTags(p, region);
                case "AttachLoadBalancerTargetGroups" -> {
                    Group group = group(region, p.required("AutoScalingGroupName"));
                    for (String arn : p.list("TargetGroupARNs")) {
                        if (!state.targetGroups.containsKey(arn) || !region.holds(state.targetGroups.get(arn).region)) {
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
                    Group group = group(region, p.required("AutoScalingGroupName"));
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
        return xml.open("ResponseMetadata").leaf("RequestId", call.requestId()).end().end().toString();
    }

    private void createGroup(Params p, CloudRegion region) {
        String name = p.required("AutoScalingGroupName");
        if (name.length() > 255) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + name + "' at 'autoScalingGroupName'"
                    + " failed to satisfy constraint: Member must have length less than or equal to 255");
        }
        if (find(region, name) != null) {
            throw AwsError.badRequest("AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name " + name + " already exists");
        }
        Group group = new Group();
        group.name = name;
        group.region = region.name();
        group.arn = region.arn("autoscaling", "autoScalingGroup:" + UUID.randomUUID() + ":autoScalingGroupName/" + name);
        launchTemplate(group, p, region);
        if (group.launchTemplateId == null) {
            throw AwsError.badRequest("ValidationError", "The sandbox needs a launch template (LaunchTemplate) to create a group");
        }
        group.min = p.integer("MinSize", 0);
        group.max = p.integer("MaxSize", 0);
        group.desired = p.integer("DesiredCapacity", group.min);
        checkSizes(group.min, group.max, group.desired);
        subnets(group, p, region);
        group.targetGroupArns.addAll(p.list("TargetGroupARNs"));
        for (String arn : group.targetGroupArns) {
            if (!state.targetGroups.containsKey(arn) || !region.holds(state.targetGroups.get(arn).region)) {
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
        state.groups.put(group.arn, group);
    }

    private void launchTemplate(Group group, Params p, CloudRegion region) {
        Params spec = p.sub("LaunchTemplate.");
        if (spec == null) {
            return;
        }
        LaunchTemplate template = spec.has("LaunchTemplateId") ? state.launchTemplates.get(spec.get("LaunchTemplateId"))
                : state.launchTemplates.values().stream().filter(t -> t.name.equals(spec.get("LaunchTemplateName"))).findFirst().orElse(null);
        if (template == null || !region.holds(template.region)) {
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

    private static void subnets(Group group, Params p, CloudRegion region) {
        List<String> subnets = new ArrayList<>();
        String zoneIdentifier = p.get("VPCZoneIdentifier");
        if (zoneIdentifier != null) {
            Arrays.stream(zoneIdentifier.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(subnets::add);
        }
        p.list("AvailabilityZones").forEach(zone -> subnets.add(region.zoneNamed(zone).subnetId()));
        if (subnets.isEmpty() && group.subnetIds.isEmpty()) {
            throw AwsError.badRequest("ValidationError", "At least one Availability Zone or VPC Subnet is required.");
        }
        if (!subnets.isEmpty()) {
            subnets.forEach(region::zoneOfSubnet);
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

    /** The region's group by name, or null (names are unique per region). */
    private Group find(CloudRegion region, String name) {
        return state.groups.values().stream().filter(g -> g.name.equals(name) && region.holds(g.region)).findFirst().orElse(null);
    }

    private Group group(CloudRegion region, String name) {
        Group group = find(region, name);
        if (group == null) {
            throw AwsError.badRequest("ValidationError", "AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found");
        }
        return group;
    }

    private void updateGroup(Params p, CloudRegion region) {
        Group group = group(region, p.required("AutoScalingGroupName"));
        int min = p.integer("MinSize", group.min);
        int max = p.integer("MaxSize", group.max);
        int desired = p.integer("DesiredCapacity", Math.max(min, Math.min(max, group.desired)));
        checkSizes(min, max, desired);
        launchTemplate(group, p, region);
        if (p.has("VPCZoneIdentifier") || !p.list("AvailabilityZones").isEmpty()) {
            subnets(group, p, region);
        }
        group.min = min;
        group.max = max;
        userChange(group, desired);
        group.healthCheckType = p.get("HealthCheckType", group.healthCheckType);
        group.healthCheckGrace = p.integer("HealthCheckGracePeriod", group.healthCheckGrace);
    }

    private void deleteGroup(Params p, CloudRegion region) {
        Group group = group(region, p.required("AutoScalingGroupName"));
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
            state.groups.values().remove(group);
        }
    }

    private void describeGroups(Params p, Xml xml, CloudRegion region) {
        List<String> names = p.list("AutoScalingGroupNames");
        List<Group> shown = state.groups.values().stream().filter(g -> region.holds(g.region)
                && (names.isEmpty() || names.contains(g.name)) && Filters.matches(p.structs("Filters"), name -> switch (name) {
                    case "auto-scaling-group" -> List.of(g.name);
                    case "tag-key" -> g.tags.keySet();
                    case "tag-value" -> g.tags.values();
                    default -> name.startsWith("tag:") ? Filters.tagAttribute(name, g.tags) : null;
                })).toList();
        Paging.Page<Group> page = Paging.page(shown, p.integer("MaxRecords"), p.get("NextToken"), Paging.AUTOSCALING);
        xml.open("AutoScalingGroups");
        for (Group group : page.items()) {
            xml.open("member").leaf("AutoScalingGroupName", group.name).leaf("AutoScalingGroupARN", group.arn);
            templateXml(xml, group, group.launchTemplateVersion);
            xml.leaf("MinSize", group.min).leaf("MaxSize", group.max).leaf("DesiredCapacity", group.desired)
                    .leaf("DefaultCooldown", group.defaultCooldown).open("AvailabilityZones");
            group.subnetIds.stream().map(s -> region.zoneOfSubnet(s).name()).distinct().forEach(z -> xml.leaf("member", z));
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
        xml.end().leaf("NextToken", page.next());
    }

    private static void templateXml(Xml xml, Group group, String version) {
        xml.open("LaunchTemplate").leaf("LaunchTemplateId", group.launchTemplateId).leaf("LaunchTemplateName", group.launchTemplateName)
                .leaf("Version", version).end();
    }

    private void describeInstances(Params p, Xml xml, CloudRegion region) {
        List<String> ids = p.list("InstanceIds");
        record Row(Group group, Member member) {}
        List<Row> rows = new ArrayList<>();
        for (Group group : state.groups.values()) {
            for (Member member : group.members.values()) {
                if (region.holds(group.region) && (ids.isEmpty() || ids.contains(member.instanceId))) {
                    rows.add(new Row(group, member));
                }
            }
        }
        Paging.Page<Row> page = Paging.page(rows, p.integer("MaxRecords"), p.get("NextToken"), Paging.AUTOSCALING);
        xml.open("AutoScalingInstances");
        for (Row row : page.items()) {
            Group group = row.group();
            Member member = row.member();
            Instance instance = state.instances.get(member.instanceId);
            xml.open("member").leaf("InstanceId", member.instanceId).leaf("InstanceType", instance == null ? null : instance.instanceType)
                    .leaf("AutoScalingGroupName", group.name).leaf("AvailabilityZone", member.zone)
                    .leaf("LifecycleState", member.lifecycle).leaf("HealthStatus", "Healthy".equals(member.health) ? "HEALTHY" : "UNHEALTHY");
            templateXml(xml, group, instance == null ? null : instance.launchTemplateVersion);
            xml.leaf("ProtectedFromScaleIn", false).end();
        }
        xml.end().leaf("NextToken", page.next());
    }

    private void putPolicy(Params p, Xml xml, CloudRegion region) {
        Group group = group(region, p.required("AutoScalingGroupName"));
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
            created.arn = region.arn("autoscaling", "scalingPolicy:" + UUID.randomUUID() + ":autoScalingGroupName/" + group.name
                    + ":policyName/" + name);
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
        alarms(xml, policy, region);
    }

    private static void alarms(Xml xml, Policy policy, CloudRegion region) {
        xml.open("Alarms");
        for (String alarm : List.of(policy.alarmHigh, policy.alarmLow)) {
            xml.open("member").leaf("AlarmName", alarm).leaf("AlarmARN", region.arn("cloudwatch", "alarm:" + alarm)).end();
        }
        xml.end();
    }

    private void describePolicies(Params p, Xml xml, CloudRegion region) {
        String groupName = p.get("AutoScalingGroupName");
        List<String> names = p.list("PolicyNames");
        record Row(Group group, Policy policy) {}
        List<Row> rows = new ArrayList<>();
        for (Group group : state.groups.values()) {
            if (!region.holds(group.region) || groupName != null && !groupName.equals(group.name)) {
                continue;
            }
            for (Policy policy : group.policies) {
                if (names.isEmpty() || names.contains(policy.name) || names.contains(policy.arn)) {
                    rows.add(new Row(group, policy));
                }
            }
        }
        Paging.Page<Row> page = Paging.page(rows, p.integer("MaxRecords"), p.get("NextToken"), Paging.AUTOSCALING);
        xml.open("ScalingPolicies");
        for (Row row : page.items()) {
            Group group = row.group();
            Policy policy = row.policy();
            xml.open("member").leaf("AutoScalingGroupName", group.name).leaf("PolicyName", policy.name)
                    .leaf("PolicyARN", policy.arn).leaf("PolicyType", policy.type).leaf("EstimatedInstanceWarmup", policy.warmup);
            alarms(xml, policy, region);
            xml.open("TargetTrackingConfiguration").open("PredefinedMetricSpecification")
                    .leaf("PredefinedMetricType", policy.metric).end().leaf("TargetValue", policy.target)
                    .leaf("DisableScaleIn", policy.disableScaleIn).end().leaf("Enabled", true).end();
        }
        xml.end().leaf("NextToken", page.next());
    }

    private void describeActivities(Params p, Xml xml, CloudRegion region) {
        String groupName = p.get("AutoScalingGroupName");
        if (groupName != null) {
            group(region, groupName);
        }
        List<String> ids = p.list("ActivityIds");
        List<Activity> newestFirst = new ArrayList<>(state.activities);
        java.util.Collections.reverse(newestFirst);
        newestFirst.removeIf(a -> !region.holds(a.region) || groupName != null && !groupName.equals(a.groupName)
                || !ids.isEmpty() && !ids.contains(a.id));
        Paging.Page<Activity> page = Paging.page(newestFirst, p.integer("MaxRecords"), p.get("NextToken"), Paging.AUTOSCALING);
        xml.open("Activities");
        page.items().forEach(activity -> activity(xml, activity));
        xml.end().leaf("NextToken", page.next());
    }

    private void activity(Xml xml, Activity activity) {
        Group group = find(CloudRegion.of(activity.region), activity.groupName);
        xml.open("member").leaf("ActivityId", activity.id).leaf("AutoScalingGroupName", activity.groupName)
                .leaf("Description", activity.description).leaf("Cause", activity.cause).leaf("StartTime", activity.start)
                .leaf("EndTime", activity.end).leaf("StatusCode", activity.status)
                .leaf("Progress", "InProgress".equals(activity.status) ? 50 : 100).leaf("Details", activity.details)
                .leaf("AutoScalingGroupARN", group == null ? null : group.arn).end();
    }

    private void terminateInstance(Params p, Xml xml, CloudRegion region) {
        String id = p.required("InstanceId");
        boolean decrement = "true".equalsIgnoreCase(p.get("ShouldDecrementDesiredCapacity"));
        Group group = state.groups.values().stream().filter(g -> region.holds(g.region) && g.members.containsKey(id)).findFirst()
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

    private void updateTags(Params p, CloudRegion region) {
        for (Params tag : p.structs("Tags")) {
            Group group = group(region, tag.required("ResourceId"));
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
