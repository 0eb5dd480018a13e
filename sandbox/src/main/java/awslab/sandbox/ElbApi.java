package awslab.sandbox;

import awslab.sandbox.CloudState.Listener;
import awslab.sandbox.CloudState.LoadBalancer;
import awslab.sandbox.CloudState.TargetGroup;
import awslab.sandbox.CloudState.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Elastic Load Balancing v2 in the AWS Query protocol: application load balancers, their
 * listeners, attributes and tags, region by region, validated as ELBv2 validates them (names,
 * schemes, protocols, ports); target groups and their targets are {@link ElbTargets}. The
 * proxies and health checks behind them are {@link LoadBalancing}.
 *
 * <pre>
 * String xml = new ElbApi(cloud, loadBalancing).handle("DescribeLoadBalancers", params, call);
 * </pre>
 */
final class ElbApi {
    /** ELBv2's names: 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    /** An application load balancer's attributes and their defaults, as DescribeLoadBalancerAttributes lists them. */
    private static final Map<String, String> LOAD_BALANCER_ATTRIBUTES = defaults(
            "access_logs.s3.enabled", "false", "access_logs.s3.bucket", "", "access_logs.s3.prefix", "",
            "deletion_protection.enabled", "false", "idle_timeout.timeout_seconds", "60",
            "routing.http.desync_mitigation_mode", "defensive", "routing.http.drop_invalid_header_fields.enabled", "false",
            "routing.http.preserve_host_header.enabled", "false", "routing.http.xff_client_port.enabled", "false",
            "routing.http.xff_header_processing.mode", "append", "routing.http2.enabled", "true",
            "load_balancing.cross_zone.enabled", "true", "waf.fail_open.enabled", "false", "client_keep_alive.seconds", "3600");

    private final Cloud cloud;
    private final CloudState state;
    private final LoadBalancing loadBalancing;
    private final ElbTargets targets;
    private final Random random = new Random();

    ElbApi(Cloud cloud, LoadBalancing loadBalancing) {
        this.cloud = cloud;
        this.state = cloud.state;
        this.loadBalancing = loadBalancing;
        this.targets = new ElbTargets(cloud);
    }

    String handle(String action, Params p, Call call) {
        CloudRegion region = call.region();
        Xml xml = new Xml().open(action + "Response", Xml.ELB_NS).open(action + "Result");
        synchronized (cloud) {
            switch (action) {
                case "CreateLoadBalancer" -> loadBalancers(List.of(createLoadBalancer(p, region)), null, xml);
                case "DescribeLoadBalancers" -> describeLoadBalancers(p, region, xml);
                case "DeleteLoadBalancer" -> deleteLoadBalancer(p.required("LoadBalancerArn"), region);
                case "DescribeLoadBalancerAttributes" -> attributes(loadBalancer(p.required("LoadBalancerArn"), region).attributes,
                        LOAD_BALANCER_ATTRIBUTES, xml);
                case "ModifyLoadBalancerAttributes" -> {
                    LoadBalancer lb = loadBalancer(p.required("LoadBalancerArn"), region);
                    modifyAttributes(lb.attributes, LOAD_BALANCER_ATTRIBUTES, p);
                    attributes(lb.attributes, LOAD_BALANCER_ATTRIBUTES, xml);
                }
                case "CreateListener" -> listeners(List.of(createListener(p, region)), null, xml);
                case "DescribeListeners" -> describeListeners(p, region, xml);
                case "DeleteListener" -> {
                    Listener listener = state.listeners.get(p.required("ListenerArn"));
                    if (listener == null || !region.holds(listener.region)) {
                        throw AwsError.notFound("ListenerNotFound", "One or more listeners not found");
                    }
                    state.listeners.remove(listener.arn);
                }
                case "AddTags" -> tags(p.list("ResourceArns"), region).forEach(tags -> tags.putAll(tagParams(p.structs("Tags"))));
                case "RemoveTags" -> tags(p.list("ResourceArns"), region).forEach(tags -> p.list("TagKeys").forEach(tags::remove));
                case "DescribeTags" -> describeTags(p.list("ResourceArns"), region, xml);
                default -> {
                    if (!targets.handle(action, p, region, xml)) {
                        throw AwsError.unsupported("elasticloadbalancing", action);
                    }
                }
            }
        }
        return xml.end().open("ResponseMetadata").leaf("RequestId", call.requestId()).end().end().toString();
    }

    /** Checks an ELBv2 name (load balancer or target group) as ELBv2 does. */
    static void checkName(String name, String what) {
        if (name.length() > 32) {
            throw AwsError.badRequest("ValidationError", what + " name cannot be longer than '32' characters");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw AwsError.badRequest("ValidationError", what + " name cannot begin or end with '-'");
        }
        if (!NAME.matcher(name).matches()) {
            throw AwsError.badRequest("ValidationError", what + " name '" + name + "' can only contain characters that are"
                    + " alphanumeric characters or hyphens(-)");
        }
    }

    private LoadBalancer createLoadBalancer(Params p, CloudRegion region) {
        String name = p.required("Name");
        checkName(name, "Load balancer");
        if (name.startsWith("internal-")) {
            throw AwsError.badRequest("ValidationError", "Load balancer name cannot begin with 'internal-'");
        }
        String type = p.get("Type", "application");
        if (!List.of("application", "network", "gateway").contains(type)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + type + "' at 'type' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [application, network, gateway]");
        }
        if (!"application".equals(type)) {
            throw AwsError.badRequest("UnsupportedOperation", "The sandbox serves application load balancers only (the lab's);"
                    + " a " + type + " load balancer needs a real AWS account.");
        }
        String scheme = p.get("Scheme", "internet-facing");
        if (!List.of("internet-facing", "internal").contains(scheme)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + scheme + "' at 'scheme' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [internet-facing, internal]");
        }
        if (state.loadBalancers.values().stream().anyMatch(lb -> lb.name.equals(name) && region.holds(lb.region))) {
            throw AwsError.badRequest("DuplicateLoadBalancerName", "A load balancer with the same name '" + name + "' exists");
        }
        List<String> subnets = new ArrayList<>(p.list("Subnets"));
        p.structs("SubnetMappings").forEach(m -> subnets.add(m.required("SubnetId")));
        Set<String> zones = new LinkedHashSet<>();
        subnets.forEach(s -> zones.add(region.zoneOfSubnet(s).name()));
        if (zones.size() < 2) {
            throw AwsError.badRequest("ValidationError", "At least two subnets in two different Availability Zones must be specified");
        }
        List<String> groups = p.list("SecurityGroups").isEmpty() ? List.of(region.defaultSecurityGroupId()) : p.list("SecurityGroups");
        for (String group : groups) {
            CloudState.SecurityGroup found = state.securityGroups.get(group);
            if (found == null || !region.holds(found.region)) {
                throw AwsError.badRequest("InvalidSecurityGroup", "Security group '" + group + "' does not exist");
            }
        }
        LoadBalancer lb = new LoadBalancer();
        lb.name = name;
        lb.region = region.name();
        lb.arn = region.arn("elasticloadbalancing", "loadbalancer/app/" + name + "/" + hex(16));
        lb.dnsName = ("internal".equals(scheme) ? "internal-" : "") + name + "-" + (100000000 + random.nextInt(900000000)) + "."
                + region.name() + ".elb.sandbox.awslab.local";
        lb.scheme = scheme;
        lb.created = Cloud.now();
        lb.subnetIds.addAll(subnets);
        lb.securityGroupIds.addAll(groups);
        lb.tags.putAll(tagParams(p.structs("Tags")));
        state.loadBalancers.put(lb.arn, lb);
        try {
            loadBalancing.open(lb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lb;
    }

    LoadBalancer loadBalancer(String arn, CloudRegion region) {
        LoadBalancer lb = state.loadBalancers.get(arn);
        if (lb == null || !region.holds(lb.region)) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        return lb;
    }

    private void describeLoadBalancers(Params p, CloudRegion region, Xml xml) {
        List<String> arns = p.list("LoadBalancerArns");
        List<String> names = p.list("Names");
        List<LoadBalancer> found = state.loadBalancers.values().stream().filter(lb -> region.holds(lb.region)
                && (arns.isEmpty() || arns.contains(lb.arn)) && (names.isEmpty() || names.contains(lb.name))).toList();
        if (found.size() < arns.size() + names.size()) {
            throw AwsError.notFound("LoadBalancerNotFound", "One or more load balancers not found");
        }
        Paging.Page<LoadBalancer> page = Paging.page(found, p.integer("PageSize"), p.get("Marker"), Paging.ELB);
        loadBalancers(page.items(), page.next(), xml);
    }

    private void loadBalancers(List<LoadBalancer> lbs, String nextMarker, Xml xml) {
        xml.open("LoadBalancers");
        for (LoadBalancer lb : lbs) {
            CloudRegion region = CloudRegion.of(lb.region);
            xml.open("member").leaf("LoadBalancerArn", lb.arn).leaf("DNSName", lb.dnsName)
                    .leaf("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K").leaf("CreatedTime", lb.created)
                    .leaf("LoadBalancerName", lb.name).leaf("Scheme", lb.scheme).leaf("VpcId", region.vpcId())
                    .open("State").leaf("Code", lb.state).end().leaf("Type", lb.type).open("AvailabilityZones");
            for (String subnet : lb.subnetIds) {
                Zone zone = region.zoneOfSubnet(subnet);
                xml.open("member").leaf("ZoneName", zone.name()).leaf("SubnetId", subnet).end();
            }
            xml.end().open("SecurityGroups");
            lb.securityGroupIds.forEach(sg -> xml.leaf("member", sg));
            xml.end().leaf("IpAddressType", "ipv4").end();
        }
        xml.end().leaf("NextMarker", nextMarker);
    }

    private void deleteLoadBalancer(String arn, CloudRegion region) {
        LoadBalancer lb = state.loadBalancers.get(arn);
        if (lb == null || !region.holds(lb.region)) {
            return; // deleting what is already gone succeeds, as on AWS
        }
        if ("true".equals(lb.attributes.get("deletion_protection.enabled"))) {
            throw AwsError.badRequest("OperationNotPermitted", "Load balancer '" + arn + "' cannot be deleted because deletion"
                    + " protection is enabled");
        }
        state.loadBalancers.remove(arn);
        state.listeners.values().removeIf(l -> l.loadBalancerArn.equals(arn));
        loadBalancing.shut(arn);
    }

    private Listener createListener(Params p, CloudRegion region) {
        LoadBalancer lb = loadBalancer(p.required("LoadBalancerArn"), region);
        String protocol = p.get("Protocol", "HTTP");
        if (!List.of("HTTP", "HTTPS").contains(protocol)) {
            throw AwsError.badRequest("ValidationError", "Listener protocol '" + protocol + "' must be one of 'HTTPS, HTTP'");
        }
        if ("HTTPS".equals(protocol)) {
            if (p.structs("Certificates").isEmpty()) {
                throw AwsError.badRequest("ValidationError", "A certificate must be specified for HTTPS listeners");
            }
            throw AwsError.badRequest("CertificateNotFound", "Certificate '" + p.structs("Certificates").get(0).get("CertificateArn")
                    + "' not found (the sandbox has no certificates: its listeners speak HTTP)");
        }
        int port = ElbTargets.bounded(p, "Port", 80, 1, 65535);
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
        TargetGroup group = targets.targetGroup(groupArn == null ? "" : groupArn, region);
        if (!List.of("HTTP", "HTTPS").contains(group.protocol)) {
            throw AwsError.badRequest("IncompatibleProtocols", "The protocol of the target group '" + group.protocol + "' is not"
                    + " compatible with an application load balancer");
        }
        Listener listener = new Listener();
        listener.region = region.name();
        listener.arn = region.arn("elasticloadbalancing", "listener/app/" + lb.name + "/" + lb.arn.substring(lb.arn.lastIndexOf('/') + 1)
                + "/" + hex(16));
        listener.loadBalancerArn = lb.arn;
        listener.protocol = protocol;
        listener.port = port;
        listener.targetGroupArn = groupArn;
        state.listeners.put(listener.arn, listener);
        return listener;
    }

    private void describeListeners(Params p, CloudRegion region, Xml xml) {
        List<String> arns = p.list("ListenerArns");
        String lbArn = p.get("LoadBalancerArn");
        if (lbArn != null) {
            loadBalancer(lbArn, region);
        } else if (arns.isEmpty()) {
            throw AwsError.badRequest("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }
        List<Listener> found = state.listeners.values().stream().filter(l -> region.holds(l.region)
                && (arns.isEmpty() || arns.contains(l.arn)) && (lbArn == null || lbArn.equals(l.loadBalancerArn))).toList();
        if (found.size() < arns.size()) {
            throw AwsError.notFound("ListenerNotFound", "One or more listeners not found");
        }
        Paging.Page<Listener> page = Paging.page(found, p.integer("PageSize"), p.get("Marker"), Paging.ELB);
        listeners(page.items(), page.next(), xml);
    }

    private void listeners(List<Listener> listeners, String nextMarker, Xml xml) {
        xml.open("Listeners");
        for (Listener listener : listeners) {
            xml.open("member").leaf("ListenerArn", listener.arn).leaf("LoadBalancerArn", listener.loadBalancerArn)
                    .leaf("Port", listener.port).leaf("Protocol", listener.protocol).open("DefaultActions").open("member")
                    .leaf("Type", "forward").leaf("TargetGroupArn", listener.targetGroupArn).open("ForwardConfig")
                    .open("TargetGroups").open("member").leaf("TargetGroupArn", listener.targetGroupArn).leaf("Weight", 1).end()
                    .end().end().end().end().end();
        }
        xml.end().leaf("NextMarker", nextMarker);
    }

    /** Attributes as pairs with their defaults first; a key ELBv2 does not know is its validation error. */
    static Map<String, String> defaults(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    static void attributes(Map<String, String> set, Map<String, String> defaults, Xml xml) {
        xml.open("Attributes");
        defaults.forEach((key, value) -> xml.open("member").leaf("Key", key).leaf("Value", set.getOrDefault(key, value)).end());
        xml.end();
    }

    static void modifyAttributes(Map<String, String> set, Map<String, String> defaults, Params p) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Params attribute : p.structs("Attributes")) {
            String key = attribute.required("Key");
            String value = attribute.get("Value", "");
            if (!defaults.containsKey(key)) {
                throw AwsError.badRequest("ValidationError", "Attribute key '" + key + "' is not recognized");
            }
            String known = defaults.get(key);
            boolean valid = "true".equals(known) || "false".equals(known) ? value.equals("true") || value.equals("false")
                    : !known.matches("\\d+") || value.matches("\\d{1,5}");
            if (!valid) {
                throw AwsError.badRequest("ValidationError", "The value of '" + key + "' must be "
                        + (known.matches("\\d+") ? "a number" : "true or false") + ", not '" + value + "'");
            }
            changes.put(key, value);
        }
        if (changes.isEmpty()) {
            throw AwsError.missing("Attributes");
        }
        set.putAll(changes);
    }

    private List<Map<String, String>> tags(List<String> arns, CloudRegion region) {
        List<Map<String, String>> all = new ArrayList<>();
        for (String arn : arns) {
            LoadBalancer lb = state.loadBalancers.get(arn);
            TargetGroup group = state.targetGroups.get(arn);
            if (lb != null && region.holds(lb.region)) {
                all.add(lb.tags);
            } else if (group != null && region.holds(group.region)) {
                all.add(group.tags);
            } else {
                throw AwsError.notFound(arn.contains(":targetgroup/") ? "TargetGroupNotFound" : "LoadBalancerNotFound",
                        "The resource '" + arn + "' was not found");
            }
        }
        return all;
    }

    private void describeTags(List<String> arns, CloudRegion region, Xml xml) {
        List<Map<String, String>> all = tags(arns, region);
        xml.open("TagDescriptions");
        for (int i = 0; i < arns.size(); i++) {
            xml.open("member").leaf("ResourceArn", arns.get(i)).open("Tags");
            all.get(i).forEach((key, value) -> xml.open("member").leaf("Key", key).leaf("Value", value).end());
            xml.end().end();
        }
        xml.end();
    }

    static Map<String, String> tagParams(List<Params> tags) {
        Map<String, String> out = new LinkedHashMap<>();
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
