package awslab.sandbox;

import awslab.sandbox.CloudState.KeyPair;
import awslab.sandbox.CloudState.LaunchTemplate;
import awslab.sandbox.CloudState.Rule;
import awslab.sandbox.CloudState.SecurityGroup;
import awslab.sandbox.CloudState.Zone;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * EC2's catalogue in the EC2 Query protocol: the Ubuntu image, key pairs, the default VPC and
 * its subnets and zones, security groups and tag look-ups; launch templates are
 * {@link Ec2Templates}. Called with the {@link Cloud} lock held.
 *
 * <pre>
 * boolean handled = catalog.handle("DescribeImages", params, xml);
 * </pre>
 */
final class Ec2Catalog {
    private final CloudState state;
    private final Ec2Templates templates;

    Ec2Catalog(Cloud cloud) {
        this.state = cloud.state;
        this.templates = new Ec2Templates(state, this);
    }

    /** A launch template by id or else by name, or the EC2 error for a missing one. */
    LaunchTemplate template(String id, String name) {
        return templates.template(id, name);
    }

    /** Writes the answer of {@code action} into {@code xml}; false when the action is not a catalogue one. */
    boolean handle(String action, Params p, Xml xml) {
        switch (action) {
            case "DescribeImages" -> describeImages(p, xml);
            case "DescribeKeyPairs" -> describeKeyPairs(p, xml);
            case "CreateKeyPair" -> createKeyPair(p, xml);
            case "ImportKeyPair" -> importKeyPair(p, xml);
            case "DeleteKeyPair" -> {
                KeyPair key = p.has("KeyPairId") ? state.keyPairs.values().stream().filter(k -> k.id.equals(p.get("KeyPairId")))
                        .findFirst().orElse(null) : state.keyPairs.get(p.required("KeyName"));
                if (key != null) {
                    state.keyPairs.remove(key.name);
                }
                xml.leaf("return", true);
            }
            case "DescribeVpcs" -> describeVpcs(p, xml);
            case "DescribeSubnets" -> describeSubnets(p, xml);
            case "DescribeAvailabilityZones" -> describeZones(p, xml);
            case "DescribeSecurityGroups" -> describeSecurityGroups(p, xml);
            case "CreateSecurityGroup" -> createSecurityGroup(p, xml);
            case "AuthorizeSecurityGroupIngress" -> authorize(p, xml);
            case "RevokeSecurityGroupIngress" -> revoke(p, xml);
            case "DescribeInstanceTypes" -> describeInstanceTypes(p, xml);
            case "DeleteSecurityGroup" -> deleteSecurityGroup(p, xml);
            case "CreateLaunchTemplate", "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions", "DeleteLaunchTemplate",
                    "CreateLaunchTemplateVersion", "ModifyLaunchTemplate" ->
                    templates.handle(action, p, xml);
            case "DescribeTags" -> describeTags(p, xml);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void describeImages(Params p, Xml xml) {
        List<String> ids = p.list("ImageId");
        List<String> owners = p.list("Owner");
        boolean match = (ids.isEmpty() || ids.contains(CloudState.IMAGE_ID))
                && (owners.isEmpty() || owners.contains(CloudState.IMAGE_OWNER) || owners.contains("amazon"))
                && Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "name" -> List.of(CloudState.IMAGE_NAME);
                    case "owner-id" -> List.of(CloudState.IMAGE_OWNER);
                    case "image-id" -> List.of(CloudState.IMAGE_ID);
                    case "state" -> List.of("available");
                    case "architecture" -> List.of("x86_64");
                    case "virtualization-type" -> List.of("hvm");
                    case "root-device-type" -> List.of("ebs");
                    case "is-public" -> List.of("true");
                    default -> null;
                });
        for (String id : ids) {
            if (!CloudState.IMAGE_ID.equals(id)) {
                throw AwsError.notFound("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
        }
        xml.open("imagesSet");
        if (match) {
            xml.open("item").leaf("imageId", CloudState.IMAGE_ID)
                    .leaf("imageLocation", "amazon/" + CloudState.IMAGE_NAME).leaf("imageState", "available")
                    .leaf("imageOwnerId", CloudState.IMAGE_OWNER).leaf("creationDate", "2025-08-21T07:00:00.000Z")
                    .leaf("isPublic", true).leaf("architecture", "x86_64").leaf("imageType", "machine")
                    .leaf("name", CloudState.IMAGE_NAME).leaf("description", "Canonical, Ubuntu, 24.04, amd64 noble image")
                    .leaf("rootDeviceType", "ebs").leaf("rootDeviceName", "/dev/sda1").open("blockDeviceMapping")
                    .open("item").leaf("deviceName", "/dev/sda1").open("ebs").leaf("volumeSize", 8).leaf("volumeType", "gp3")
                    .leaf("deleteOnTermination", true).end().end().end()
                    .leaf("virtualizationType", "hvm").leaf("hypervisor", "xen").leaf("enaSupport", true).end();
        }
        xml.end();
    }

    private void describeKeyPairs(Params p, Xml xml) {
        List<String> names = p.list("KeyName");
        for (String name : names) {
            if (!state.keyPairs.containsKey(name)) {
                throw AwsError.notFound("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
            }
        }
        List<String> ids = p.list("KeyPairId");
        xml.open("keySet");
        for (KeyPair key : state.keyPairs.values()) {
            if ((names.isEmpty() || names.contains(key.name)) && (ids.isEmpty() || ids.contains(key.id))
                    && Filters.matches(p.structs("Filter"), name -> switch (name) {
                        case "key-name" -> List.of(key.name);
                        case "key-pair-id" -> List.of(key.id);
                        case "fingerprint" -> List.of(key.fingerprint);
                        default -> Filters.tagAttribute(name, key.tags);
                    })) {
                xml.open("item").leaf("keyPairId", key.id).leaf("keyName", key.name).leaf("keyFingerprint", key.fingerprint)
                        .leaf("keyType", "rsa").leaf("createTime", key.created);
                Ec2Api.tagSet(xml, key.tags);
                xml.end();
            }
        }
        xml.end();
    }

    private KeyPair newKeyPair(Params p, String publicKey, String fingerprint) {
        String name = p.required("KeyName");
        if (state.keyPairs.containsKey(name)) {
            throw AwsError.badRequest("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        KeyPair key = new KeyPair();
        key.name = name;
        key.id = CloudState.newId("key-");
        key.publicKey = publicKey;
        key.fingerprint = fingerprint;
        key.created = Cloud.now();
        key.tags.putAll(specTags(p, "key-pair"));
        state.keyPairs.put(name, key);
        return key;
    }

    private void createKeyPair(Params p, Xml xml) {
        KeyMaterial material = KeyMaterial.generate();
        KeyPair key = newKeyPair(p, material.publicLine(), material.fingerprint());
        xml.leaf("keyName", key.name).leaf("keyFingerprint", key.fingerprint).leaf("keyMaterial", material.privatePem())
                .leaf("keyPairId", key.id);
        Ec2Api.tagSet(xml, key.tags);
    }

    private void importKeyPair(Params p, Xml xml) {
        String line;
        try {
            line = new String(Base64.getDecoder().decode(p.required("PublicKeyMaterial")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            line = p.get("PublicKeyMaterial");
        }
        String fingerprint = KeyMaterial.fingerprint(KeyMaterial.parsePublic(line));
        KeyPair key = newKeyPair(p, line.trim(), fingerprint);
        xml.leaf("keyName", key.name).leaf("keyFingerprint", key.fingerprint).leaf("keyPairId", key.id);
        Ec2Api.tagSet(xml, key.tags);
    }

    private void describeVpcs(Params p, Xml xml) {
        List<String> ids = p.list("VpcId");
        for (String id : ids) {
            if (!CloudState.VPC_ID.equals(id)) {
                throw AwsError.notFound("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        xml.open("vpcSet");
        if (Filters.matches(p.structs("Filter"), name -> switch (name) {
            case "is-default", "isDefault" -> List.of("true");
            case "vpc-id" -> List.of(CloudState.VPC_ID);
            case "state" -> List.of("available");
            case "cidr", "cidr-block" -> List.of("172.31.0.0/16");
            default -> Filters.tagAttribute(name, Map.of());
        })) {
            xml.open("item").leaf("vpcId", CloudState.VPC_ID).leaf("ownerId", CloudState.ACCOUNT).leaf("state", "available")
                    .leaf("cidrBlock", "172.31.0.0/16").leaf("dhcpOptionsId", "dopt-0a5b0c0d0e0f00001")
                    .leaf("instanceTenancy", "default").leaf("isDefault", true).end();
        }
        xml.end();
    }

    private void describeSubnets(Params p, Xml xml) {
        List<String> ids = p.list("SubnetId");
        ids.forEach(CloudState::zoneOfSubnet);
        xml.open("subnetSet");
        for (Zone zone : CloudState.ZONES) {
            if ((ids.isEmpty() || ids.contains(zone.subnetId())) && Filters.matches(p.structs("Filter"), name -> switch (name) {
                case "vpc-id" -> List.of(CloudState.VPC_ID);
                case "subnet-id" -> List.of(zone.subnetId());
                case "availability-zone", "availabilityZone" -> List.of(zone.name());
                case "availability-zone-id" -> List.of(zone.zoneId());
                case "default-for-az", "defaultForAz" -> List.of("true");
                case "state" -> List.of("available");
                default -> Filters.tagAttribute(name, Map.of());
            })) {
                xml.open("item").leaf("subnetId", zone.subnetId()).leaf("subnetArn", "arn:aws:ec2:" + CloudState.REGION + ":"
                        + CloudState.ACCOUNT + ":subnet/" + zone.subnetId()).leaf("state", "available")
                        .leaf("ownerId", CloudState.ACCOUNT).leaf("vpcId", CloudState.VPC_ID).leaf("cidrBlock", zone.cidr())
                        .leaf("availableIpAddressCount", 4091).leaf("availabilityZone", zone.name())
                        .leaf("availabilityZoneId", zone.zoneId()).leaf("defaultForAz", true).leaf("mapPublicIpOnLaunch", true).end();
            }
        }
        xml.end();
    }

    private void describeZones(Params p, Xml xml) {
        List<String> names = p.list("ZoneName");
        xml.open("availabilityZoneInfo");
        for (Zone zone : CloudState.ZONES) {
            if ((names.isEmpty() || names.contains(zone.name())) && Filters.matches(p.structs("Filter"), name -> switch (name) {
                case "zone-name" -> List.of(zone.name());
                case "zone-id" -> List.of(zone.zoneId());
                case "state" -> List.of("available");
                case "region-name" -> List.of(CloudState.REGION);
                case "zone-type" -> List.of("availability-zone");
                default -> null;
            })) {
                xml.open("item").leaf("zoneName", zone.name()).leaf("zoneState", "available").leaf("regionName", CloudState.REGION)
                        .leaf("zoneId", zone.zoneId()).leaf("zoneType", "availability-zone")
                        .leaf("optInStatus", "opt-in-not-required").leaf("groupName", CloudState.REGION)
                        .leaf("networkBorderGroup", CloudState.REGION).open("messageSet").end().end();
            }
        }
        xml.end();
    }

    private void describeSecurityGroups(Params p, Xml xml) {
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        ids.forEach(this::group);
        groupIdsByName(names);
        xml.open("securityGroupInfo");
        for (SecurityGroup group : state.securityGroups.values()) {
            if ((ids.isEmpty() || ids.contains(group.id)) && (names.isEmpty() || names.contains(group.name))
                    && Filters.matches(p.structs("Filter"), name -> switch (name) {
                        case "group-name" -> List.of(group.name);
                        case "group-id" -> List.of(group.id);
                        case "vpc-id" -> List.of(group.vpcId);
                        case "description" -> List.of(group.description);
                        default -> Filters.tagAttribute(name, group.tags);
                    })) {
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
        }
        xml.end();
    }

    private void createSecurityGroup(Params p, Xml xml) {
        String name = p.required("GroupName");
        String vpc = p.get("VpcId", CloudState.VPC_ID);
        if (!CloudState.VPC_ID.equals(vpc)) {
            throw AwsError.notFound("InvalidVpcID.NotFound", "The vpc ID '" + vpc + "' does not exist");
        }
        if (state.securityGroups.values().stream().anyMatch(g -> g.name.equals(name))) {
            throw AwsError.badRequest("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc + "'");
        }
        SecurityGroup group = new SecurityGroup();
        group.id = CloudState.newId("sg-");
        group.name = name;
        group.description = p.required("GroupDescription");
        group.tags.putAll(specTags(p, "security-group"));
        state.securityGroups.put(group.id, group);
        xml.leaf("return", true).leaf("groupId", group.id);
        Ec2Api.tagSet(xml, group.tags);
    }

    private void authorize(Params p, Xml xml) {
        SecurityGroup group = p.has("GroupId") ? group(p.get("GroupId")) : group(groupIdsByName(List.of(p.required("GroupName"))).get(0));
        List<Rule> rules = new ArrayList<>();
        for (Params permission : p.structs("IpPermissions")) {
            Rule rule = new Rule();
            rule.protocol = permission.get("IpProtocol", "tcp");
            rule.fromPort = permission.integer("FromPort");
            rule.toPort = permission.integer("ToPort");
            permission.structs("IpRanges").forEach(range -> rule.cidrs.add(range.required("CidrIp")));
            permission.structs("Groups").forEach(g -> rule.groupIds.add(group(g.required("GroupId")).id));
            rules.add(rule);
        }
        if (p.has("CidrIp") || p.has("SourceSecurityGroupName")) {
            Rule rule = new Rule();
            rule.protocol = p.get("IpProtocol", "tcp");
            rule.fromPort = p.integer("FromPort");
            rule.toPort = p.integer("ToPort");
            if (p.has("CidrIp")) {
                rule.cidrs.add(p.get("CidrIp"));
            } else {
                rule.groupIds.addAll(groupIdsByName(List.of(p.get("SourceSecurityGroupName"))));
            }
            rules.add(rule);
        }
        for (Rule rule : rules) {
            boolean duplicate = group.ingress.stream().anyMatch(r -> r.protocol.equals(rule.protocol)
                    && java.util.Objects.equals(r.fromPort, rule.fromPort) && java.util.Objects.equals(r.toPort, rule.toPort)
                    && (r.cidrs.stream().anyMatch(rule.cidrs::contains) || r.groupIds.stream().anyMatch(rule.groupIds::contains)));
            if (duplicate) {
                throw AwsError.badRequest("InvalidPermission.Duplicate", "the specified rule \"peer: " + String.join(",", rule.cidrs)
                        + ", " + rule.protocol.toUpperCase() + ", from port: " + rule.fromPort + ", to port: " + rule.toPort
                        + ", ALLOW\" already exists");
            }
        }
        group.ingress.addAll(rules);
        xml.leaf("return", true);
    }

    private void revoke(Params p, Xml xml) {
        SecurityGroup group = p.has("GroupId") ? group(p.get("GroupId")) : group(groupIdsByName(List.of(p.required("GroupName"))).get(0));
        for (Params permission : p.structs("IpPermissions")) {
            String protocol = permission.get("IpProtocol", "tcp");
            Integer from = permission.integer("FromPort");
            Integer to = permission.integer("ToPort");
            List<String> cidrs = permission.structs("IpRanges").stream().map(r -> r.required("CidrIp")).toList();
            List<String> groups = permission.structs("Groups").stream().map(g -> g.required("GroupId")).toList();
            for (Rule rule : group.ingress) {
                if (rule.protocol.equals(protocol) && java.util.Objects.equals(rule.fromPort, from) && java.util.Objects.equals(rule.toPort, to)) {
                    rule.cidrs.removeAll(cidrs);
                    rule.groupIds.removeAll(groups);
                }
            }
            group.ingress.removeIf(rule -> rule.cidrs.isEmpty() && rule.groupIds.isEmpty());
        }
        xml.leaf("return", true);
    }

    /** A few types a Learner Lab allows, with what {@code launch} may check: vCPUs, memory, free tier. */
    private static void describeInstanceTypes(Params p, Xml xml) {
        Object[][] types = {
            {"t2.nano", 1, 512, false}, {"t2.micro", 1, 1024, true}, {"t2.small", 1, 2048, false},
            {"t2.medium", 2, 4096, false}, {"t2.large", 2, 8192, false}, {"t3.nano", 2, 512, false},
            {"t3.micro", 2, 1024, true}, {"t3.small", 2, 2048, false}, {"t3.medium", 2, 4096, false}, {"t3.large", 2, 8192, false}};
        List<String> wanted = p.list("InstanceType");
        xml.open("instanceTypeSet");
        for (Object[] type : types) {
            if (wanted.isEmpty() || wanted.contains((String) type[0])) {
                xml.open("item").leaf("instanceType", type[0]).leaf("currentGeneration", true).leaf("freeTierEligible", type[3])
                        .open("vCpuInfo").leaf("defaultVCpus", type[1]).end().open("memoryInfo").leaf("sizeInMiB", type[2]).end()
                        .leaf("hypervisor", "xen").end();
            }
        }
        xml.end();
    }

    private void deleteSecurityGroup(Params p, Xml xml) {
        SecurityGroup group = p.has("GroupId") ? group(p.get("GroupId")) : group(groupIdsByName(List.of(p.required("GroupName"))).get(0));
        boolean used = state.instances.values().stream().anyMatch(i -> !"terminated".equals(i.state) && i.securityGroupIds.contains(group.id))
                || state.loadBalancers.values().stream().anyMatch(lb -> lb.securityGroupIds.contains(group.id))
                || state.securityGroups.values().stream().anyMatch(g -> g != group && g.ingress.stream().anyMatch(r -> r.groupIds.contains(group.id)));
        if (used || CloudState.DEFAULT_SECURITY_GROUP.equals(group.id)) {
            throw AwsError.badRequest("DependencyViolation", "resource " + group.id + " has a dependent object");
        }
        state.securityGroups.remove(group.id);
        xml.leaf("return", true).leaf("groupId", group.id);
    }

    SecurityGroup group(String id) {
        SecurityGroup group = state.securityGroups.get(id);
        if (group == null) {
            throw AwsError.notFound("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return group;
    }

    List<String> groupIdsByName(List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(state.securityGroups.values().stream().filter(g -> g.name.equals(name)).map(g -> g.id).findFirst()
                    .orElseThrow(() -> AwsError.notFound("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in default VPC '" + CloudState.VPC_ID + "'")));
        }
        return ids;
    }

    private void describeTags(Params p, Xml xml) {
        xml.open("tagSet");
        List<Object[]> all = new ArrayList<>();
        state.instances.values().forEach(i -> all.add(new Object[] {i.id, "instance", i.tags}));
        state.securityGroups.values().forEach(g -> all.add(new Object[] {g.id, "security-group", g.tags}));
        state.launchTemplates.values().forEach(t -> all.add(new Object[] {t.id, "launch-template", t.tags}));
        state.keyPairs.values().forEach(k -> all.add(new Object[] {k.id, "key-pair", k.tags}));
        for (Object[] resource : all) {
            @SuppressWarnings("unchecked")
            Map<String, String> tags = (Map<String, String>) resource[2];
            tags.forEach((key, value) -> {
                if (Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "resource-id" -> List.of((String) resource[0]);
                    case "resource-type" -> List.of((String) resource[1]);
                    case "key" -> List.of(key);
                    case "value" -> List.of(value);
                    default -> null;
                })) {
                    xml.open("item").leaf("resourceId", resource[0]).leaf("resourceType", resource[1]).leaf("key", key)
                            .leaf("value", value).end();
                }
            });
        }
        xml.end();
    }

    /** The tags of any taggable resource by id, or null when there is none. */
    Map<String, String> tagsOf(String id) {
        if (state.instances.containsKey(id)) {
            return state.instances.get(id).tags;
        }
        if (state.securityGroups.containsKey(id)) {
            return state.securityGroups.get(id).tags;
        }
        if (state.launchTemplates.containsKey(id)) {
            return state.launchTemplates.get(id).tags;
        }
        return state.keyPairs.values().stream().filter(k -> k.id.equals(id)).map(k -> k.tags).findFirst().orElse(null);
    }

    static Map<String, String> specTags(Params p, String resourceType) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Params spec : p.structs("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                tags.putAll(Ec2Api.tags(spec.structs("Tag")));
            }
        }
        return tags;
    }
}
