package awslab.sandbox;

import awslab.net.Cidr;
import awslab.sandbox.CloudState.Rule;
import awslab.sandbox.CloudState.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EC2 security groups in the EC2 Query protocol: create, describe (filtered, paged), authorize
 * and revoke inbound rules, delete. Rules are normalised as EC2 stores them (protocol names,
 * no ports for "all traffic", one permission per protocol and port range) because the data
 * plane ({@link Firewall}) enforces them. Called with the {@link Cloud} lock held.
 *
 * <pre>
 * SecurityGroup web = securityGroups.group(region, "sg-0abc");
 * </pre>
 */
final class Ec2SecurityGroups {
    private final CloudState state;

    Ec2SecurityGroups(Cloud cloud) {
        this.state = cloud.state;
    }

    void register(Map<String, Ec2Api.Action> actions) {
        actions.put("DescribeSecurityGroups", this::describe);
        actions.put("CreateSecurityGroup", this::create);
        actions.put("AuthorizeSecurityGroupIngress", this::authorize);
        actions.put("RevokeSecurityGroupIngress", this::revoke);
        actions.put("DeleteSecurityGroup", this::delete);
    }

    /** A group of the region by id, or EC2's not-found error. */
    SecurityGroup group(CloudRegion region, String id) {
        SecurityGroup group = state.securityGroups.get(id);
        if (group == null || !region.holds(group.region)) {
            throw AwsError.notFound("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return group;
    }

    /** The ids of the region's groups with these names (in its default VPC), or EC2's not-found error. */
    List<String> idsByName(CloudRegion region, List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(state.securityGroups.values().stream().filter(g -> g.name.equals(name) && region.holds(g.region))
                    .map(g -> g.id).findFirst()
                    .orElseThrow(() -> AwsError.notFound("InvalidGroup.NotFound", "The security group '" + name
                            + "' does not exist in default VPC '" + region.vpcId() + "'")));
        }
        return ids;
    }

    private SecurityGroup named(Params p, Call call) {
        return p.has("GroupId") ? group(call.region(), p.get("GroupId"))
                : group(call.region(), idsByName(call.region(), List.of(p.required("GroupName"))).get(0));
    }

    private void describe(Params p, Call call, Xml xml) {
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        ids.forEach(id -> group(call.region(), id));
        idsByName(call.region(), names);
        List<SecurityGroup> shown = state.securityGroups.values().stream()
                .filter(group -> call.region().holds(group.region) && (ids.isEmpty() || ids.contains(group.id))
                        && (names.isEmpty() || names.contains(group.name))
                        && Filters.matches(p.structs("Filter"), name -> switch (name) {
                            case "group-name" -> List.of(group.name);
                            case "group-id" -> List.of(group.id);
                            case "vpc-id" -> List.of(group.vpcId);
                            case "description" -> List.of(group.description);
                            case "ip-permission.from-port" -> group.ingress.stream().map(r -> String.valueOf(r.fromPort)).toList();
                            case "ip-permission.to-port" -> group.ingress.stream().map(r -> String.valueOf(r.toPort)).toList();
                            case "ip-permission.cidr" -> group.ingress.stream().flatMap(r -> r.cidrs.stream()).toList();
                            case "ip-permission.group-id" -> group.ingress.stream().flatMap(r -> r.groupIds.stream()).toList();
                            case "ip-permission.protocol" -> group.ingress.stream().map(r -> r.protocol).toList();
                            default -> Filters.tagAttribute(name, group.tags);
                        }))
                .toList();
        Paging.Page<SecurityGroup> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("securityGroupInfo");
        for (SecurityGroup group : page.items()) {
            xml.open("item").leaf("ownerId", CloudState.ACCOUNT).leaf("groupId", group.id).leaf("groupName", group.name)
                    .leaf("groupDescription", group.description).leaf("vpcId", group.vpcId).open("ipPermissions");
            for (Rule rule : group.ingress) {
                xml.open("item").leaf("ipProtocol", rule.protocol).leaf("fromPort", rule.fromPort).leaf("toPort", rule.toPort)
                        .open("groups");
                rule.groupIds.forEach(g -> xml.open("item").leaf("groupId", g).leaf("userId", CloudState.ACCOUNT).end());
                xml.end().open("ipRanges");
                rule.cidrs.forEach(c -> xml.open("item").leaf("cidrIp", c).end());
                xml.end().open("ipv6Ranges").end().open("prefixListIds").end().end();
            }
            xml.end().open("ipPermissionsEgress").open("item").leaf("ipProtocol", "-1").open("groups").end()
                    .open("ipRanges").open("item").leaf("cidrIp", "0.0.0.0/0").end().end().end().end();
            Ec2Api.tagSet(xml, group.tags);
            xml.end();
        }
        xml.end().leaf("nextToken", page.next());
    }

    private void create(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
        String name = p.required("GroupName");
        String description = p.required("GroupDescription");
        String vpc = p.get("VpcId", region.vpcId());
        if (!region.vpcId().equals(vpc)) {
            throw AwsError.notFound("InvalidVpcID.NotFound", "The vpc ID '" + vpc + "' does not exist");
        }
        if (name.length() > 255 || name.startsWith("sg-")) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid value '" + name + "' for groupName. Group names may not be"
                    + " longer than 255 characters nor start with sg-.");
        }
        if (state.securityGroups.values().stream().anyMatch(g -> g.name.equals(name) && region.holds(g.region))) {
            throw AwsError.badRequest("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc + "'");
        }
        call.proceed();
        SecurityGroup group = new SecurityGroup();
        group.id = CloudState.newId("sg-");
        group.region = region.name();
        group.vpcId = region.vpcId();
        group.name = name;
        group.description = description;
        group.tags.putAll(Ec2Catalog.specTags(p, "security-group"));
        state.securityGroups.put(group.id, group);
        xml.leaf("return", true).leaf("groupId", group.id);
        Ec2Api.tagSet(xml, group.tags);
    }

    /** The rules a request names, in either shape (IpPermissions, or the older flat parameters). */
    private List<Rule> rules(Params p, Call call) {
        List<Rule> rules = new ArrayList<>();
        for (Params permission : p.structs("IpPermissions")) {
            Rule rule = rule(permission.get("IpProtocol"), permission.integer("FromPort"), permission.integer("ToPort"));
            permission.structs("IpRanges").forEach(range -> rule.cidrs.add(cidr(range.required("CidrIp"))));
            permission.structs("Groups").forEach(g -> rule.groupIds.add(g.has("GroupId") ? group(call.region(), g.get("GroupId")).id
                    : idsByName(call.region(), List.of(g.required("GroupName"))).get(0)));
            rules.add(rule);
        }
        if (p.has("CidrIp") || p.has("SourceSecurityGroupName")) {
            Rule rule = rule(p.get("IpProtocol"), p.integer("FromPort"), p.integer("ToPort"));
            if (p.has("CidrIp")) {
                rule.cidrs.add(cidr(p.get("CidrIp")));
            } else {
                rule.groupIds.addAll(idsByName(call.region(), List.of(p.get("SourceSecurityGroupName"))));
            }
            rules.add(rule);
        }
        if (rules.isEmpty()) {
            throw AwsError.missing("IpPermissions");
        }
        for (Rule rule : rules) {
            if (rule.cidrs.isEmpty() && rule.groupIds.isEmpty()) {
                throw AwsError.badRequest("InvalidParameterValue", "A rule needs a source: a CIDR block or a security group.");
            }
        }
        return rules;
    }

    /** A rule as EC2 stores it: {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all traffic, no ports). */
    private static Rule rule(String protocol, Integer from, Integer to) {
        Rule rule = new Rule();
        rule.protocol = switch (protocol == null ? "" : protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "-1", "all" -> "-1";
            default -> throw AwsError.badRequest("InvalidParameterValue", "Invalid value '" + protocol + "' for IP protocol."
                    + " Unknown protocol.");
        };
        if (rule.protocol.equals("-1")) {
            return rule;
        }
        if (from == null || to == null) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid value 'Must specify both from and to ports with TCP/UDP.'"
                    + " for portRange.");
        }
        if (!rule.protocol.equals("icmp") && (from < 0 || to > 65535 || from > to)) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid value 'Invalid port range " + from + "-" + to + "' for portRange.");
        }
        rule.fromPort = from;
        rule.toPort = to;
        return rule;
    }

    private static String cidr(String text) {
        if (!Cidr.isValid(text)) {
            throw AwsError.badRequest("InvalidParameterValue", "Value (" + text + ") for parameter cidrIp is invalid. This is not a valid"
                    + " CIDR block.");
        }
        return text;
    }

    private static boolean samePorts(Rule a, Rule b) {
        return a.protocol.equals(b.protocol) && Objects.equals(a.fromPort, b.fromPort) && Objects.equals(a.toPort, b.toPort);
    }

    private void authorize(Params p, Call call, Xml xml) {
        SecurityGroup group = named(p, call);
        List<Rule> rules = rules(p, call);
        for (Rule rule : rules) {
            boolean duplicate = group.ingress.stream().anyMatch(r -> samePorts(r, rule)
                    && (r.cidrs.stream().anyMatch(rule.cidrs::contains) || r.groupIds.stream().anyMatch(rule.groupIds::contains)));
            if (duplicate) {
                throw AwsError.badRequest("InvalidPermission.Duplicate", "the specified rule \"peer: "
                        + String.join(",", rule.cidrs.isEmpty() ? rule.groupIds : rule.cidrs) + ", "
                        + ("-1".equals(rule.protocol) ? "ALL" : rule.protocol.toUpperCase(java.util.Locale.ROOT))
                        + ", from port: " + rule.fromPort + ", to port: " + rule.toPort + ", ALLOW\" already exists");
            }
        }
        call.proceed();
        for (Rule rule : rules) {
            Rule same = group.ingress.stream().filter(r -> samePorts(r, rule)).findFirst().orElse(null);
            if (same == null) {
                group.ingress.add(rule);
            } else { // EC2 keeps one permission per protocol and port range, with all its sources
                same.cidrs.addAll(rule.cidrs);
                same.groupIds.addAll(rule.groupIds);
            }
        }
        xml.leaf("return", true);
    }

    private void revoke(Params p, Call call, Xml xml) {
        SecurityGroup group = named(p, call);
        List<Rule> rules = rules(p, call);
        for (Rule rule : rules) {
            boolean present = group.ingress.stream().anyMatch(r -> samePorts(r, rule)
                    && r.cidrs.containsAll(rule.cidrs) && r.groupIds.containsAll(rule.groupIds));
            if (!present) {
                throw AwsError.badRequest("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
            }
        }
        call.proceed();
        for (Rule rule : rules) {
            for (Rule existing : group.ingress) {
                if (samePorts(existing, rule)) {
                    existing.cidrs.removeAll(rule.cidrs);
                    existing.groupIds.removeAll(rule.groupIds);
                }
            }
        }
        group.ingress.removeIf(rule -> rule.cidrs.isEmpty() && rule.groupIds.isEmpty());
        xml.leaf("return", true);
    }

    private void delete(Params p, Call call, Xml xml) {
        SecurityGroup group = named(p, call);
        if (call.region().defaultSecurityGroupId().equals(group.id)) {
            throw AwsError.badRequest("CannotDelete", "the specified group: \"" + group.id + "\" name: \"default\" cannot be deleted by a user");
        }
        boolean used = state.instances.values().stream().anyMatch(i -> !"terminated".equals(i.state) && i.securityGroupIds.contains(group.id))
                || state.loadBalancers.values().stream().anyMatch(lb -> lb.securityGroupIds.contains(group.id))
                || state.securityGroups.values().stream().anyMatch(g -> g != group && g.ingress.stream().anyMatch(r -> r.groupIds.contains(group.id)));
        if (used) {
            throw AwsError.badRequest("DependencyViolation", "resource " + group.id + " has a dependent object");
        }
        call.proceed();
        state.securityGroups.remove(group.id);
        xml.leaf("return", true).leaf("groupId", group.id);
    }
}
