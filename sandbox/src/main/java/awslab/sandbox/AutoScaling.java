package awslab.sandbox;

import awslab.sandbox.Cloud.LaunchSpec;
import awslab.sandbox.CloudState.Activity;
import awslab.sandbox.CloudState.Group;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.LaunchTemplate;
import awslab.sandbox.CloudState.Member;
import awslab.sandbox.CloudState.Policy;
import awslab.sandbox.CloudState.Target;
import awslab.sandbox.CloudState.TemplateVersion;
import awslab.sandbox.CloudState.Zone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Auto Scaling groups' control loop. {@link #reconcile()} keeps each group at its desired
 * capacity, spread over its zones, replacing instances that were terminated, stopped or failed
 * their load-balancer health check, registering them in the group's target groups, and writing
 * every launch and termination down as a scaling activity. {@link #measure()} samples every
 * instance's real CPU once per (compressed) minute and runs the target-tracking policies.
 *
 * <pre>
 * scheduler.scheduleWithFixedDelay(autoScaling::reconcile, 0, 1, SECONDS);
 * </pre>
 */
final class AutoScaling {
    private static final System.Logger LOG = System.getLogger(AutoScaling.class.getName());
    /** At most this many launches per group per pass, so one pass stays short. */
    private static final int LAUNCHES_PER_PASS = 4;

    private final Cloud cloud;
    private final SandboxTimings timings;
    private final Map<String, CpuMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, Double> instanceCpu = new ConcurrentHashMap<>();
    private final Map<String, Double> groupCpu = new ConcurrentHashMap<>();
    private final Map<String, int[]> alarmCounts = new ConcurrentHashMap<>();
    /** CPU series for CloudWatch, keyed "InstanceId=i-..." or "AutoScalingGroupName=NAME", oldest first. */
    private final Map<String, java.util.Deque<Sample>> history = new ConcurrentHashMap<>();

    /** One datapoint: when, and the CPU utilization in percent. */
    record Sample(long epochMillis, double percent) {}

    /** How many datapoints each series keeps (an hour at the standard pace). */
    private static final int HISTORY = 720;

    AutoScaling(Cloud cloud) {
        this.cloud = cloud;
        this.timings = cloud.config.timings();
    }

    /** The last measured CPU of an instance, in percent, if any. */
    OptionalDouble instanceCpu(String instanceId) {
        Double value = instanceCpu.get(instanceId);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The last average CPU of a group's in-service instances, in percent, if any. */
    OptionalDouble groupCpu(String groupName) {
        Double value = groupCpu.get(groupName);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The datapoints of one series, oldest first. */
    List<Sample> history(String key) {
        java.util.Deque<Sample> series = history.get(key);
        if (series == null) {
            return List.of();
        }
        synchronized (series) {
            return List.copyOf(series);
        }
    }

    /** The keys of every series measured so far ("InstanceId=i-…", "AutoScalingGroupName=NAME"). */
    java.util.Set<String> seriesKeys() {
        return java.util.Set.copyOf(history.keySet());
    }

    private void record(String key, double percent) {
        java.util.Deque<Sample> series = history.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
        synchronized (series) {
            series.addLast(new Sample(System.currentTimeMillis(), percent));
            while (series.size() > HISTORY) {
                series.removeFirst();
            }
        }
    }

    void reconcile() {
        synchronized (cloud) {
            for (Group group : new ArrayList<>(cloud.state.groups.values())) {
                try {
                    reconcile(group);
                } catch (AwsError e) {
                    LOG.log(System.Logger.Level.WARNING, "group " + group.name + " could not reach its desired capacity: "
                            + e.getMessage());
                    recordFailure(group, e);
                }
            }
            settleActivities();
        }
    }

    private void reconcile(Group group) {
        removeLostMembers(group);
        if (group.status != null) { // being deleted
            List<String> live = group.members.keySet().stream().toList();
            if (!live.isEmpty()) {
                live.forEach(id -> terminateMember(group, id, "an instance was taken out of service in response to a user request to delete the group"));
            } else {
                cloud.state.groups.values().remove(group);
            }
            return;
        }
        for (Member member : group.members.values()) {
            Instance instance = cloud.state.instances.get(member.instanceId);
            if ("Pending".equals(member.lifecycle) && instance != null && "running".equals(instance.state)) {
                member.lifecycle = "InService";
                register(group, member.instanceId);
            }
        }
        replaceUnhealthy(group);
        int count = group.members.size();
        if (count == group.desired) {
            group.pendingCause = null;
        } else if (count < group.desired) {
            int launches = Math.min(group.desired - count, LAUNCHES_PER_PASS);
            for (int i = 0; i < launches; i++) {
                launch(group, count + i, group.desired);
            }
        } else if (count > group.desired) {
            List<Member> victims = scaleInVictims(group, count - group.desired);
            for (Member victim : victims) {
                terminateMember(group, victim.instanceId, "an instance was taken out of service in response to a difference"
                        + " between desired and actual capacity, shrinking the capacity from " + count + " to " + group.desired);
            }
        }
    }

    /** Members whose instance was terminated or stopped behind the group's back are replaced, as AWS does. */
    private void removeLostMembers(Group group) {
        for (Member member : new ArrayList<>(group.members.values())) {
            Instance instance = cloud.state.instances.get(member.instanceId);
            String state = instance == null ? "terminated" : instance.state;
            if ("stopped".equals(state) || "stopping".equals(state)) {
                terminateMember(group, member.instanceId, "an instance was taken out of service in response to an EC2 health"
                        + " check indicating it has been terminated or stopped");
            } else if ("terminated".equals(state) || "shutting-down".equals(state)) {
                group.members.remove(member.instanceId);
                deregister(group, member.instanceId);
                activity(group, "Terminating EC2 instance: " + member.instanceId, "an instance was taken out of service in"
                        + " response to an EC2 health check indicating it has been terminated or stopped", member.instanceId);
            }
        }
    }

    private void replaceUnhealthy(Group group) {
        if (!"ELB".equals(group.healthCheckType)) {
            return;
        }
        long graceMillis = Math.min(group.healthCheckGrace, timings.graceSeconds()) * 1000L;
        for (Member member : new ArrayList<>(group.members.values())) {
            if (!"InService".equals(member.lifecycle) || System.currentTimeMillis() - member.launchedAtMillis < graceMillis) {
                continue;
            }
            boolean unhealthy = group.targetGroupArns.stream().map(cloud.state.targetGroups::get)
                    .filter(java.util.Objects::nonNull).map(tg -> tg.targets.get(member.instanceId))
                    .anyMatch(t -> t != null && "unhealthy".equals(t.state));
            if (unhealthy) {
                member.health = "Unhealthy";
                terminateMember(group, member.instanceId, "an instance was taken out of service in response to an ELB system"
                        + " health check failure");
            }
        }
    }

    private void launch(Group group, int from, int to) {
        LaunchTemplate template = group.launchTemplateId != null ? cloud.state.launchTemplates.get(group.launchTemplateId) : null;
        if (template == null) {
            throw AwsError.badRequest("ValidationError", "The launch template of group " + group.name + " does not exist any more.");
        }
        TemplateVersion version = template.version(group.launchTemplateVersion);
        CloudRegion region = CloudRegion.of(group.region);
        Zone zone = leastUsedZone(group);
        Map<String, String> tags = new LinkedHashMap<>(version.instanceTags);
        group.tags.forEach((key, value) -> {
            if (Boolean.TRUE.equals(group.propagate.get(key))) {
                tags.put(key, value);
            }
        });
        tags.put("aws:autoscaling:groupName", group.name);
        List<String> securityGroups = new ArrayList<>(version.securityGroupIds);
        securityGroups.addAll(new Ec2SecurityGroups(cloud).idsByName(region, version.securityGroupNames));
        LaunchSpec spec = new LaunchSpec(region, version.imageId, version.instanceType, version.keyName, zone.subnetId(), securityGroups,
                version.userData, version.httpTokens, tags, template.id, String.valueOf(version.number), group.name);
        Instance instance = cloud.runInstances(spec, 1, 1).get(0);
        Member member = new Member();
        member.instanceId = instance.id;
        member.zone = zone.name();
        member.launchedAtMillis = System.currentTimeMillis();
        group.members.put(instance.id, member);
        activity(group, "Launching a new EC2 instance: " + instance.id, "an instance was started in response to a difference"
                + " between desired and actual capacity, increasing the capacity from " + from + " to " + to, instance.id);
    }

    private Zone leastUsedZone(Group group) {
        CloudRegion region = CloudRegion.of(group.region);
        List<Zone> zones = group.subnetIds.stream().map(region::zoneOfSubnet).toList();
        return zones.stream().min(Comparator.comparingLong(z -> group.members.values().stream()
                .filter(m -> m.zone.equals(z.name())).count())).orElse(region.zones().get(0));
    }

    /** AWS's default policy, simplified: from the zone with the most instances, the newest first. */
    private static List<Member> scaleInVictims(Group group, int howMany) {
        List<Member> remaining = new ArrayList<>(group.members.values());
        List<Member> victims = new ArrayList<>();
        for (int i = 0; i < howMany && !remaining.isEmpty(); i++) {
            Map<String, Long> perZone = new LinkedHashMap<>();
            remaining.forEach(m -> perZone.merge(m.zone, 1L, Long::sum));
            String busiest = perZone.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            Member victim = remaining.stream().filter(m -> m.zone.equals(busiest))
                    .max(Comparator.comparingLong(m -> m.launchedAtMillis)).orElseThrow();
            remaining.remove(victim);
            victims.add(victim);
        }
        return victims;
    }

    void terminateMember(Group group, String instanceId, String cause) {
        group.members.remove(instanceId);
        deregister(group, instanceId);
        Instance instance = cloud.state.instances.get(instanceId);
        if (instance != null && !"terminated".equals(instance.state) && !"shutting-down".equals(instance.state)) {
            cloud.terminate(List.of(instanceId));
        }
        activity(group, "Terminating EC2 instance: " + instanceId, cause, instanceId);
    }

    void register(Group group, String instanceId) {
        for (String arn : group.targetGroupArns) {
            var targetGroup = cloud.state.targetGroups.get(arn);
            if (targetGroup != null && !targetGroup.targets.containsKey(instanceId)) {
                Target target = new Target();
                target.instanceId = instanceId;
                target.port = targetGroup.port;
                targetGroup.targets.put(instanceId, target);
            }
        }
    }

    private void deregister(Group group, String instanceId) {
        for (String arn : group.targetGroupArns) {
            var targetGroup = cloud.state.targetGroups.get(arn);
            if (targetGroup != null) {
                targetGroup.targets.remove(instanceId);
            }
        }
    }

    Activity activity(Group group, String description, String cause, String instanceId) {
        Activity activity = new Activity();
        activity.id = java.util.UUID.randomUUID().toString();
        activity.groupName = group.name;
        activity.region = group.region;
        activity.description = description;
        String now = Cloud.now();
        activity.cause = (group.pendingCause == null ? "" : group.pendingCause + "  ") + "At " + now + " " + cause + ".";
        activity.start = now;
        activity.status = "InProgress";
        activity.instanceId = instanceId;
        activity.details = "{\"Subnet ID\":\"\",\"Availability Zone\":\"\"}";
        cloud.state.activities.add(activity);
        if (cloud.state.activities.size() > 500) {
            cloud.state.activities.remove(0);
        }
        return activity;
    }

    private void recordFailure(Group group, AwsError error) {
        Activity last = cloud.state.activities.isEmpty() ? null : cloud.state.activities.get(cloud.state.activities.size() - 1);
        String description = "Launching a new EC2 instance.  Status Reason: " + error.getMessage();
        if (last != null && description.equals(last.description)) {
            return; // the same failure is written down once, not once per pass
        }
        Activity activity = activity(group, description, "an instance was started in response to a difference between desired"
                + " and actual capacity", null);
        activity.status = "Failed";
        activity.end = activity.start;
    }

    /** Launches succeed when their instance runs; terminations when it is terminated. */
    private void settleActivities() {
        for (Activity activity : cloud.state.activities) {
            if (!"InProgress".equals(activity.status)) {
                continue;
            }
            Instance instance = activity.instanceId == null ? null : cloud.state.instances.get(activity.instanceId);
            boolean launching = activity.description.startsWith("Launching");
            String done = launching ? "running" : "terminated";
            if (instance == null || done.equals(instance.state) || launching && !"pending".equals(instance.state)) {
                activity.status = "Successful";
                activity.end = Cloud.now();
            }
        }
    }

    /** One compressed minute: every instance's CPU, each group's average, each target-tracking policy. */
    void measure() {
        long now = System.nanoTime();
        Map<String, InstanceHost> hosts = Map.copyOf(cloud.hosts());
        meters.keySet().retainAll(hosts.keySet());
        instanceCpu.keySet().retainAll(hosts.keySet());
        hosts.forEach((id, host) -> {
            double percent = meters.computeIfAbsent(id, i -> new CpuMeter()).sample(host.processes(), now);
            if (!Double.isNaN(percent)) {
                instanceCpu.put(id, percent);
                record("InstanceId=" + id, percent);
            }
        });
        synchronized (cloud) {
            long warmupMillis = timings.metricPeriod().toMillis() * timings.warmupPeriods();
            for (Group group : cloud.state.groups.values()) {
                OptionalDouble average = group.members.values().stream()
                        .filter(m -> "InService".equals(m.lifecycle) && System.currentTimeMillis() - m.launchedAtMillis >= warmupMillis)
                        .map(m -> instanceCpu.get(m.instanceId)).filter(java.util.Objects::nonNull)
                        .mapToDouble(Double::doubleValue).average();
                if (average.isEmpty() || group.status != null) {
                    continue;
                }
                groupCpu.put(group.name, average.getAsDouble());
                record("AutoScalingGroupName=" + group.name, average.getAsDouble());
                group.policies.forEach(policy -> track(group, policy, average.getAsDouble()));
            }
        }
    }

    private void track(Group group, Policy policy, double average) {
        int[] counts = alarmCounts.computeIfAbsent(policy.arn, a -> new int[2]); // [high, low]
        if (average > policy.target) {
            counts[0]++;
            counts[1] = 0;
        } else if (average < policy.target * 0.9) {
            counts[1]++;
            counts[0] = 0;
        } else {
            counts[0] = 0;
            counts[1] = 0;
        }
        int inService = (int) group.members.values().stream().filter(m -> "InService".equals(m.lifecycle)).count();
        int proportional = (int) Math.ceil(inService * average / policy.target);
        if (counts[0] >= timings.scaleOutPeriods()) {
            counts[0] = 0;
            int wanted = Math.min(group.max, Math.max(group.desired + 1, proportional));
            changeDesired(group, policy, policy.alarmHigh, wanted);
        } else if (counts[1] >= timings.scaleInPeriods() && !policy.disableScaleIn) {
            counts[1] = 0;
            int wanted = Math.max(group.min, Math.min(group.desired - 1, proportional));
            changeDesired(group, policy, policy.alarmLow, wanted);
        }
    }

    private void changeDesired(Group group, Policy policy, String alarm, int wanted) {
        if (wanted == group.desired) {
            return;
        }
        group.pendingCause = "At " + Cloud.now() + " a monitor alarm " + alarm + " in state ALARM triggered policy " + policy.name
                + " changing the desired capacity from " + group.desired + " to " + wanted + ".";
        group.desired = wanted;
    }
}
