package awslab.sandbox;

import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.Listener;
import awslab.sandbox.CloudState.LoadBalancer;
import awslab.sandbox.CloudState.Target;
import awslab.sandbox.CloudState.TargetGroup;
import awslab.sandbox.CloudState.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Elastic Load Balancing v2 in the AWS Query protocol: application load balancers, target
 * groups, listeners, targets and their health, tags. The proxies and health checks behind
 * them are {@link LoadBalancing}.
 *
 * <pre>
 * String xml = new ElbApi(cloud, loadBalancing).handle("DescribeTargetHealth", params, requestId);
 * </pre>
 */
final class ElbApi {
    private static final String ARN_PREFIX = "arn:aws:elasticloadbalancing:" + CloudState.REGION + ":" + CloudState.ACCOUNT + ":";

    private final Cloud cloud;
    private final CloudState state;
    private final LoadBalancing loadBalancing;
    private final Random random = new Random();

    ElbApi(Cloud cloud, LoadBalancing loadBalancing) {
        this.cloud = cloud;
        this.state = cloud.state;
        this.loadBalancing = loadBalancing;
    }

    String handle(String action, Params p, String requestId) {
        Xml xml = new Xml().open(action + "Response", Xml.ELB_NS).open(action + "Result");
        synchronized (cloud) {
            switch (action) {
                case "CreateLoadBalancer" -> loadBalancers(List.of(createLoadBalancer(p)), xml);
                case "DescribeLoadBalancers" -> loadBalancers(findLoadBalancers(p), xml);
                case "DeleteLoadBalancer" -> deleteLoadBalancer(p.required("LoadBalancerArn"));
                case "CreateTargetGroup" -> targetGroups(List.of(createTargetGroup(p)), xml);
                case "DescribeTargetGroups" -> targetGroups(findTargetGroups(p), xml);
                case "ModifyTargetGroup" -> {
                    TargetGroup group = targetGroup(p.required("TargetGroupArn"));
                    healthSettings(group, p);
                    targetGroups(List.of(group), xml);
                }
                case "DeleteTargetGroup" -> deleteTargetGroup(p.required("TargetGroupArn"));
                case "CreateListener" -> listeners(List.of(createListener(p)), xml);
                case "DescribeListeners" -> listeners(findListeners(p), xml);
                case "DeleteListener" -> {
                    if (state.listeners.remove(p.required("ListenerArn")) == null) {
                        throw AwsError.notFound("ListenerNotFound", "One or more listeners not found");
                    }
                }
                case "RegisterTargets" -> registerTargets(p);
                case "DeregisterTargets" -> deregisterTargets(p);
                case "DescribeTargetHealth" -> describeTargetHealth(p, xml);
                case "AddTags" -> tags(p.list("ResourceArns")).forEach(tags -> tags.putAll(tagParams(p.structs("Tags"))));
                case "RemoveTags" -> tags(p.list("ResourceArns")).forEach(tags -> p.list("TagKeys").forEach(tags::remove));
                case "DescribeTags" -> describeTags(p.list("ResourceArns"), xml);
                default -> throw AwsError.unsupported("elasticloadbalancing", action);
            }
        }
        return xml.end().open("ResponseMetadata").leaf("RequestId", requestId).end().end().toString();
    }

    private LoadBalancer createLoadBalancer(Params p) {
        String name = p.required("Name");
        if (state.loadBalancers.values().stream().anyMatch(lb -> lb.name.equals(name))) {
            throw AwsError.badRequest("DuplicateLoadBalancerName", "A load balancer with the same name '" + name + "' exists");
        }
        List<String> subnets = new ArrayList<>(p.list("Subnets"));
        p.structs("SubnetMappings").forEach(m -> subnets.add(m.required("SubnetId")));
        Set<String> zones = new LinkedHashSet<>();
        subnets.forEach(s -> zones.add(CloudState.zoneOfSubnet(s).name()));
        if (zones.size() < 2) {
            throw AwsError.badRequest("ValidationError", "At least two subnets in two different Availability Zones must be specified");
        }
        LoadBalancer lb = new LoadBalancer();
        lb.name = name;
        lb.arn = ARN_PREFIX + "loadbalancer/app/" + name + "/" + hex(16);
        lb.dnsName = name + "-" + (100000000 + random.nextInt(900000000)) + "." + CloudState.REGION + ".elb.sandbox.awslab.local";
        lb.scheme = p.get("Scheme", "internet-facing");
        lb.created = Cloud.now();
        lb.subnetIds.addAll(subnets);
        lb.securityGroupIds.addAll(p.list("SecurityGroups").isEmpty() ? List.of(CloudState.DEFAULT_SECURITY_GROUP) : p.list("SecurityGroups"));
        lb.tags.putAll(tagParams(p.structs("Tags")));
        state.loadBalancers.put(lb.arn, lb);
        try {
            loadBalancing.open(lb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lb;
    }

    private List<LoadBalancer> findLoadBalancers(Params p) {
        List<String> arns = p.list("LoadBalancerArns");
        List<String> names = p.list("Names");
        List<LoadBalancer> found = state.loadBalancers.values().stream()
                .filter(lb -> (arns.isEmpty() || arns.contains(lb.arn)) && (names.isEmpty() || names.contains(lb.name))).toList();
        if (found.size() < arns.size() + names.size()) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        return found;
    }

    private void loadBalancers(List<LoadBalancer> lbs, Xml xml) {
        xml.open("LoadBalancers");
        for (LoadBalancer lb : lbs) {
            xml.open("member").leaf("LoadBalancerArn", lb.arn).leaf("DNSName", lb.dnsName)
                    .leaf("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K").leaf("CreatedTime", lb.created)
                    .leaf("LoadBalancerName", lb.name).leaf("Scheme", lb.scheme).leaf("VpcId", CloudState.VPC_ID)
                    .open("State").leaf("Code", lb.state).end().leaf("Type", lb.type).open("AvailabilityZones");
            for (String subnet : lb.subnetIds) {
                Zone zone = CloudState.zoneOfSubnet(subnet);
                xml.open("member").leaf("ZoneName", zone.name()).leaf("SubnetId", subnet).end();
            }
            xml.end().open("SecurityGroups");
            lb.securityGroupIds.forEach(sg -> xml.leaf("member", sg));
            xml.end().leaf("IpAddressType", "ipv4").end();
        }
        xml.end();
    }

    private void deleteLoadBalancer(String arn) {
        if (state.loadBalancers.remove(arn) != null) {
            state.listeners.values().removeIf(l -> l.loadBalancerArn.equals(arn));
            loadBalancing.shut(arn);
        }
    }

    private TargetGroup createTargetGroup(Params p) {
        String name = p.required("Name");
        if (state.targetGroups.values().stream().anyMatch(tg -> tg.name.equals(name))) {
            throw AwsError.badRequest("DuplicateTargetGroupName", "A target group with the same name '" + name + "' exists");
        }
        TargetGroup group = new TargetGroup();
        group.name = name;
        group.arn = ARN_PREFIX + "targetgroup/" + name + "/" + hex(16);
        group.protocol = p.get("Protocol", "HTTP");
        group.port = p.integer("Port", 80);
        group.vpcId = p.get("VpcId", CloudState.VPC_ID);
        group.targetType = p.get("TargetType", "instance");
        healthSettings(group, p);
        group.tags.putAll(tagParams(p.structs("Tags")));
        state.targetGroups.put(group.arn, group);
        return group;
    }

    private static void healthSettings(TargetGroup group, Params p) {
        group.healthPath = p.get("HealthCheckPath", group.healthPath);
        group.healthInterval = p.integer("HealthCheckIntervalSeconds", group.healthInterval);
        group.healthyThreshold = p.integer("HealthyThresholdCount", group.healthyThreshold);
        group.unhealthyThreshold = p.integer("UnhealthyThresholdCount", group.unhealthyThreshold);
        group.matcher = p.get("Matcher.HttpCode", group.matcher);
    }

    private List<TargetGroup> findTargetGroups(Params p) {
        List<String> arns = p.list("TargetGroupArns");
        List<String> names = p.list("Names");
        String lbArn = p.get("LoadBalancerArn");
        List<TargetGroup> found = state.targetGroups.values().stream()
                .filter(tg -> (arns.isEmpty() || arns.contains(tg.arn)) && (names.isEmpty() || names.contains(tg.name))
                        && (lbArn == null || loadBalancerArns(tg).contains(lbArn))).toList();
        if (found.size() < arns.size() + names.size()) {
            throw AwsError.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return found;
    }

    private List<String> loadBalancerArns(TargetGroup group) {
        return state.listeners.values().stream().filter(l -> group.arn.equals(l.targetGroupArn)).map(l -> l.loadBalancerArn)
                .distinct().toList();
    }

    private void targetGroups(List<TargetGroup> groups, Xml xml) {
        xml.open("TargetGroups");
        for (TargetGroup group : groups) {
            xml.open("member").leaf("TargetGroupArn", group.arn).leaf("TargetGroupName", group.name)
                    .leaf("Protocol", group.protocol).leaf("Port", group.port).leaf("VpcId", group.vpcId)
                    .leaf("HealthCheckProtocol", "HTTP").leaf("HealthCheckPort", "traffic-port").leaf("HealthCheckEnabled", true)
                    .leaf("HealthCheckIntervalSeconds", group.healthInterval).leaf("HealthCheckTimeoutSeconds", 5)
                    .leaf("HealthyThresholdCount", group.healthyThreshold).leaf("UnhealthyThresholdCount", group.unhealthyThreshold)
                    .leaf("HealthCheckPath", group.healthPath).open("Matcher").leaf("HttpCode", group.matcher).end()
                    .open("LoadBalancerArns");
            loadBalancerArns(group).forEach(arn -> xml.leaf("member", arn));
            xml.end().leaf("TargetType", group.targetType).leaf("ProtocolVersion", "HTTP1").leaf("IpAddressType", "ipv4").end();
        }
        xml.end();
    }

    private TargetGroup targetGroup(String arn) {
        TargetGroup group = state.targetGroups.get(arn);
        if (group == null) {
            throw AwsError.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return group;
    }

    private void deleteTargetGroup(String arn) {
        if (state.listeners.values().stream().anyMatch(l -> arn.equals(l.targetGroupArn))) {
            throw AwsError.badRequest("ResourceInUse", "Target group '" + arn + "' is currently in use by a listener or a rule");
        }
        state.targetGroups.remove(arn);
    }

    private Listener createListener(Params p) {
        LoadBalancer lb = state.loadBalancers.get(p.required("LoadBalancerArn"));
        if (lb == null) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        int port = p.integer("Port", 80);
        if (state.listeners.values().stream().anyMatch(l -> l.loadBalancerArn.equals(lb.arn) && l.port == port)) {
            throw AwsError.badRequest("DuplicateListener", "A listener already exists on this port for this load balancer");
        }
        Params action = p.structs("DefaultActions").stream().findFirst().orElseThrow(() -> AwsError.missing("DefaultActions"));
        if (!"forward".equals(action.get("Type"))) {
            throw AwsError.badRequest("UnsupportedOperation", "The sandbox supports only forward actions");
        }
        String groupArn = action.get("TargetGroupArn");
        if (groupArn == null) {
            Params forward = action.sub("ForwardConfig.");
            groupArn = forward == null ? null : forward.structs("TargetGroups").stream().map(t -> t.get("TargetGroupArn")).findFirst().orElse(null);
        }
        targetGroup(groupArn == null ? "" : groupArn);
        Listener listener = new Listener();
        listener.arn = ARN_PREFIX + "listener/app/" + lb.name + "/" + lb.arn.substring(lb.arn.lastIndexOf('/') + 1) + "/" + hex(16);
        listener.loadBalancerArn = lb.arn;
        listener.protocol = p.get("Protocol", "HTTP");
        listener.port = port;
        listener.targetGroupArn = groupArn;
        state.listeners.put(listener.arn, listener);
        return listener;
    }

    private List<Listener> findListeners(Params p) {
        List<String> arns = p.list("ListenerArns");
        String lbArn = p.get("LoadBalancerArn");
        if (lbArn != null && !state.loadBalancers.containsKey(lbArn)) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        List<Listener> found = state.listeners.values().stream()
                .filter(l -> (arns.isEmpty() || arns.contains(l.arn)) && (lbArn == null || lbArn.equals(l.loadBalancerArn))).toList();
        if (found.size() < arns.size()) {
            throw AwsError.notFound("ListenerNotFound", "One or more listeners not found");
        }
        return found;
    }

    private void listeners(List<Listener> listeners, Xml xml) {
        xml.open("Listeners");
        for (Listener listener : listeners) {
            xml.open("member").leaf("ListenerArn", listener.arn).leaf("LoadBalancerArn", listener.loadBalancerArn)
                    .leaf("Port", listener.port).leaf("Protocol", listener.protocol).open("DefaultActions").open("member")
                    .leaf("Type", "forward").leaf("TargetGroupArn", listener.targetGroupArn).open("ForwardConfig")
                    .open("TargetGroups").open("member").leaf("TargetGroupArn", listener.targetGroupArn).leaf("Weight", 1).end()
                    .end().end().end().end().end();
        }
        xml.end();
    }

    private void registerTargets(Params p) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"));
        for (Params targetParams : p.structs("Targets")) {
            String id = targetParams.required("Id");
            Instance instance = state.instances.get(id);
            if (instance == null || !"running".equals(instance.state) && !"pending".equals(instance.state)) {
                throw AwsError.badRequest("InvalidTarget", "The following targets are not in a running state and cannot be registered: '" + id + "'");
            }
            Target target = group.targets.get(id);
            if (target == null || target.drainUntil > 0) {
                target = new Target();
                target.instanceId = id;
                group.targets.put(id, target);
            }
            target.port = targetParams.integer("Port", group.port);
        }
    }

    private void deregisterTargets(Params p) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"));
        long drainMillis = cloud.config.timings().healthCheckInterval().toMillis() * 2;
        for (Params targetParams : p.structs("Targets")) {
            Target target = group.targets.get(targetParams.required("Id"));
            if (target != null) {
                target.drainUntil = System.currentTimeMillis() + drainMillis;
                target.state = "draining";
                target.reason = "Target.DeregistrationInProgress";
            }
        }
    }

    private void describeTargetHealth(Params p, Xml xml) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"));
        List<String> wanted = p.structs("Targets").stream().map(t -> t.required("Id")).toList();
        xml.open("TargetHealthDescriptions");
        Collection<Target> targets = group.targets.values();
        for (String id : wanted) {
            if (!group.targets.containsKey(id)) {
                xml.open("member").open("Target").leaf("Id", id).leaf("Port", group.port).end().leaf("HealthCheckPort", group.port)
                        .open("TargetHealth").leaf("State", "unavailable").leaf("Reason", "Target.NotRegistered")
                        .leaf("Description", "Target is not registered to the target group").end().end();
            }
        }
        for (Target target : targets) {
            if (!wanted.isEmpty() && !wanted.contains(target.instanceId)) {
                continue;
            }
            xml.open("member").open("Target").leaf("Id", target.instanceId).leaf("Port", target.port).end()
                    .leaf("HealthCheckPort", String.valueOf(target.port)).open("TargetHealth").leaf("State", target.state)
                    .leaf("Reason", target.reason).leaf("Description", describe(target.reason)).end().end();
        }
        xml.end();
    }

    private static String describe(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "Elb.RegistrationInProgress" -> "Target registration is in progress";
            case "Elb.InitialHealthChecking" -> "Initial health checks in progress";
            case "Target.FailedHealthChecks" -> "Health checks failed";
            case "Target.NotInUse" -> "Target group is not configured to receive traffic from the load balancer";
            case "Target.InvalidState" -> "Target is in the stopped state";
            case "Target.DeregistrationInProgress" -> "Target deregistration is in progress";
            default -> reason;
        };
    }

    private List<Map<String, String>> tags(List<String> arns) {
        List<Map<String, String>> all = new ArrayList<>();
        for (String arn : arns) {
            if (state.loadBalancers.containsKey(arn)) {
                all.add(state.loadBalancers.get(arn).tags);
            } else if (state.targetGroups.containsKey(arn)) {
                all.add(state.targetGroups.get(arn).tags);
            } else {
                throw AwsError.notFound(arn.contains(":targetgroup/") ? "TargetGroupNotFound" : "LoadBalancerNotFound",
                        "The resource '" + arn + "' was not found");
            }
        }
        return all;
    }

    private void describeTags(List<String> arns, Xml xml) {
        List<Map<String, String>> all = tags(arns);
        xml.open("TagDescriptions");
        for (int i = 0; i < arns.size(); i++) {
            xml.open("member").leaf("ResourceArn", arns.get(i)).open("Tags");
            all.get(i).forEach((key, value) -> xml.open("member").leaf("Key", key).leaf("Value", value).end());
            xml.end().end();
        }
        xml.end();
    }

    static Map<String, String> tagParams(List<Params> tags) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        tags.forEach(tag -> out.put(tag.required("Key"), tag.get("Value", "")));
        return out;
    }

    private String hex(int digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
