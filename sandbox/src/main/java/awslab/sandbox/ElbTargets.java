package awslab.sandbox;

import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.Target;
import awslab.sandbox.CloudState.TargetGroup;
import java.util.List;
import java.util.Map;

/**
 * ELBv2's target groups in the AWS Query protocol: create (validated as ELBv2 validates names,
 * protocols, ports and health-check settings), describe (paged), modify, delete, attributes,
 * targets and their health. Called by {@link ElbApi} with the {@link Cloud} lock held.
 *
 * <pre>
 * boolean handled = targets.handle("DescribeTargetHealth", params, region, xml);
 * </pre>
 */
final class ElbTargets {
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
    /** An instance target group's attributes and their defaults, as DescribeTargetGroupAttributes lists them. */
    private static final Map<String, String> ATTRIBUTES = ElbApi.defaults(
            "deregistration_delay.timeout_seconds", "300", "stickiness.enabled", "false", "stickiness.type", "lb_cookie",
            "stickiness.lb_cookie.duration_seconds", "86400", "stickiness.app_cookie.cookie_name", "",
            "stickiness.app_cookie.duration_seconds", "86400", "load_balancing.algorithm.type", "round_robin",
            "load_balancing.algorithm.anomaly_mitigation", "off", "slow_start.duration_seconds", "0",
            "load_balancing.cross_zone.enabled", "use_load_balancer_configuration",
            "target_group_health.dns_failover.minimum_healthy_targets.count", "1",
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");

    private final Cloud cloud;
    private final CloudState state;

    ElbTargets(Cloud cloud) {
        this.cloud = cloud;
        this.state = cloud.state;
    }

    /** Answers a target-group action into {@code xml}; false when the action is not one. */
    boolean handle(String action, Params p, CloudRegion region, Xml xml) {
        switch (action) {
            case "CreateTargetGroup" -> targetGroups(List.of(createTargetGroup(p, region)), null, xml);
            case "DescribeTargetGroups" -> describeTargetGroups(p, region, xml);
            case "ModifyTargetGroup" -> {
                TargetGroup group = targetGroup(p.required("TargetGroupArn"), region);
                healthSettings(group, p);
                targetGroups(List.of(group), null, xml);
            }
            case "DeleteTargetGroup" -> deleteTargetGroup(p.required("TargetGroupArn"), region);
            case "DescribeTargetGroupAttributes" -> ElbApi.attributes(targetGroup(p.required("TargetGroupArn"), region).attributes,
                    ATTRIBUTES, xml);
            case "ModifyTargetGroupAttributes" -> {
                TargetGroup group = targetGroup(p.required("TargetGroupArn"), region);
                ElbApi.modifyAttributes(group.attributes, ATTRIBUTES, p);
                ElbApi.attributes(group.attributes, ATTRIBUTES, xml);
            }
            case "RegisterTargets" -> registerTargets(p, region);
            case "DeregisterTargets" -> deregisterTargets(p, region);
            case "DescribeTargetHealth" -> describeTargetHealth(p, region, xml);
            default -> {
                return false;
            }
        }
        return true;
    }

    private TargetGroup createTargetGroup(Params p, CloudRegion region) {
        String name = p.required("Name");
        ElbApi.checkName(name, "Target group");
        String targetType = p.get("TargetType", "instance");
        if (!"instance".equals(targetType)) {
            throw AwsError.badRequest("UnsupportedOperation", "The sandbox's target groups hold instances only (the lab's);"
                    + " target type '" + targetType + "' needs a real AWS account.");
        }
        String protocol = p.get("Protocol");
        if (protocol == null) {
            throw AwsError.badRequest("ValidationError", "A protocol must be specified");
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + protocol + "' at 'protocol' failed"
                    + " to satisfy constraint: Member must satisfy enum value set: " + PROTOCOLS);
        }
        if (!p.has("Port")) {
            throw AwsError.badRequest("ValidationError", "A port must be specified");
        }
        int port = bounded(p, "Port", 0, 1, 65535);
        String vpc = p.get("VpcId");
        if (vpc == null) {
            throw AwsError.badRequest("ValidationError", "A VPC ID must be specified");
        }
        if (!region.vpcId().equals(vpc)) {
            throw AwsError.badRequest("ValidationError", "The VPC ID '" + vpc + "' is not found");
        }
        if (state.targetGroups.values().stream().anyMatch(tg -> tg.name.equals(name) && region.holds(tg.region))) {
            throw AwsError.badRequest("DuplicateTargetGroupName", "A target group with the same name '" + name + "' exists");
        }
        TargetGroup group = new TargetGroup();
        group.name = name;
        group.region = region.name();
        group.arn = region.arn("elasticloadbalancing", "targetgroup/" + name + "/" + CloudState.newId("").substring(1));
        group.protocol = protocol;
        group.port = port;
        group.vpcId = vpc;
        group.targetType = targetType;
        healthSettings(group, p);
        group.tags.putAll(ElbApi.tagParams(p.structs("Tags")));
        state.targetGroups.put(group.arn, group);
        return group;
    }

    /** Reads and checks the health-check settings, within ELBv2's bounds; nothing changes when one is wrong. */
    private static void healthSettings(TargetGroup group, Params p) {
        String path = p.get("HealthCheckPath", group.healthPath);
        if (!path.startsWith("/") || path.length() > 1024) {
            throw AwsError.badRequest("ValidationError", "Health check path must begin with '/' and be at most 1024 characters");
        }
        int interval = bounded(p, "HealthCheckIntervalSeconds", group.healthInterval, 5, 300);
        int healthy = bounded(p, "HealthyThresholdCount", group.healthyThreshold, 2, 10);
        int unhealthy = bounded(p, "UnhealthyThresholdCount", group.unhealthyThreshold, 2, 10);
        int timeout = bounded(p, "HealthCheckTimeoutSeconds", 5, 2, 120);
        if (timeout >= interval) {
            throw AwsError.badRequest("ValidationError", "Health check interval must be greater than the timeout.");
        }
        String matcher = p.get("Matcher.HttpCode", group.matcher);
        if (!matcher.matches("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*")) {
            throw AwsError.badRequest("ValidationError", "Health check matcher HTTP code '" + matcher + "' must be within '200-499'");
        }
        group.healthPath = path;
        group.healthInterval = interval;
        group.healthyThreshold = healthy;
        group.unhealthyThreshold = unhealthy;
        group.matcher = matcher;
    }

    /** An integer parameter within ELBv2's bounds, or its validation error. */
    static int bounded(Params p, String name, int otherwise, int min, int max) {
        int value = p.integer(name, otherwise);
        if (value < min || value > max) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + value + "' at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint: Member must have"
                    + " value between " + min + " and " + max);
        }
        return value;
    }

    TargetGroup targetGroup(String arn, CloudRegion region) {
        TargetGroup group = state.targetGroups.get(arn);
        if (group == null || !region.holds(group.region)) {
            throw AwsError.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return group;
    }

    private void describeTargetGroups(Params p, CloudRegion region, Xml xml) {
        List<String> arns = p.list("TargetGroupArns");
        List<String> names = p.list("Names");
        String lbArn = p.get("LoadBalancerArn");
        if (lbArn != null && (state.loadBalancers.get(lbArn) == null || !region.holds(state.loadBalancers.get(lbArn).region))) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        List<TargetGroup> found = state.targetGroups.values().stream()
                .filter(tg -> region.holds(tg.region) && (arns.isEmpty() || arns.contains(tg.arn)) && (names.isEmpty() || names.contains(tg.name))
                        && (lbArn == null || loadBalancerArns(tg).contains(lbArn))).toList();
        if (found.size() < arns.size() + names.size()) {
            throw AwsError.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        Paging.Page<TargetGroup> page = Paging.page(found, p.integer("PageSize"), p.get("Marker"), Paging.ELB);
        targetGroups(page.items(), page.next(), xml);
    }

    private List<String> loadBalancerArns(TargetGroup group) {
        return state.listeners.values().stream().filter(l -> group.arn.equals(l.targetGroupArn)).map(l -> l.loadBalancerArn)
                .distinct().toList();
    }

    private void targetGroups(List<TargetGroup> groups, String nextMarker, Xml xml) {
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
        xml.end().leaf("NextMarker", nextMarker);
    }

    private void deleteTargetGroup(String arn, CloudRegion region) {
        TargetGroup group = state.targetGroups.get(arn);
        if (group == null || !region.holds(group.region)) {
            return; // already gone: succeeds, as on AWS
        }
        if (state.listeners.values().stream().anyMatch(l -> arn.equals(l.targetGroupArn))) {
            throw AwsError.badRequest("ResourceInUse", "Target group '" + arn + "' is currently in use by a listener or a rule");
        }
        state.targetGroups.remove(arn);
    }

    private void registerTargets(Params p, CloudRegion region) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"), region);
        for (Params targetParams : p.structs("Targets")) {
            String id = targetParams.required("Id");
            Instance instance = state.instances.get(id);
            if (instance == null || !region.holds(instance.region)
                    || !"running".equals(instance.state) && !"pending".equals(instance.state)) {
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

    private void deregisterTargets(Params p, CloudRegion region) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"), region);
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

    private void describeTargetHealth(Params p, CloudRegion region, Xml xml) {
        TargetGroup group = targetGroup(p.required("TargetGroupArn"), region);
        List<String> wanted = p.structs("Targets").stream().map(t -> t.required("Id")).toList();
        xml.open("TargetHealthDescriptions");
        for (String id : wanted) {
            if (!group.targets.containsKey(id)) {
                xml.open("member").open("Target").leaf("Id", id).leaf("Port", group.port).end().leaf("HealthCheckPort", group.port)
                        .open("TargetHealth").leaf("State", "unavailable").leaf("Reason", "Target.NotRegistered")
                        .leaf("Description", "Target is not registered to the target group").end().end();
            }
        }
        for (Target target : group.targets.values()) {
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
            case "Target.Timeout" -> "Request timed out";
            case "Target.NotInUse" -> "Target group is not configured to receive traffic from the load balancer";
            case "Target.InvalidState" -> "Target is in the stopped state";
            case "Target.DeregistrationInProgress" -> "Target deregistration is in progress";
            default -> reason;
        };
    }
}
