package awslab.sandbox;

import awslab.sandbox.CloudState.KeyPair;
import awslab.sandbox.CloudState.Zone;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's catalogue in the EC2 Query protocol, region by region: the Ubuntu image, key pairs, the
 * default VPC with its subnets and zones, the regions, Elastic IPs (none), the instance types,
 * and tag look-ups. Called with the {@link Cloud} lock held.
 *
 * <pre>
 * new Ec2Catalog(state).register(actions);
 * </pre>
 */
final class Ec2Catalog {
    /** The regions a fresh account lists (DescribeRegions), whether or not Learner Lab lets it use them. */
    private static final List<String> REGIONS = List.of("ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
            "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
            "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");

    private final CloudState state;

    Ec2Catalog(CloudState state) {
        this.state = state;
    }

    void register(Map<String, Ec2Api.Action> actions) {
        actions.put("DescribeImages", this::describeImages);
        actions.put("DescribeKeyPairs", this::describeKeyPairs);
        actions.put("CreateKeyPair", this::createKeyPair);
        actions.put("ImportKeyPair", this::importKeyPair);
        actions.put("DeleteKeyPair", this::deleteKeyPair);
        actions.put("DescribeVpcs", this::describeVpcs);
        actions.put("DescribeSubnets", this::describeSubnets);
        actions.put("DescribeAvailabilityZones", this::describeZones);
        actions.put("DescribeRegions", this::describeRegions);
        actions.put("DescribeAddresses", this::describeAddresses);
        actions.put("DescribeInstanceTypes", this::describeInstanceTypes);
        actions.put("DescribeTags", this::describeTags);
    }

    private void describeImages(Params p, Call call, Xml xml) {
        String imageId = call.region().imageId();
        List<String> ids = p.list("ImageId");
        List<String> owners = p.list("Owner");
        for (String id : ids) {
            if (!imageId.equals(id)) {
                throw AwsError.notFound("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
        }
        boolean match = (owners.isEmpty() || owners.contains(CloudState.IMAGE_OWNER) || owners.contains("amazon"))
                && Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "name" -> List.of(CloudState.IMAGE_NAME);
                    case "owner-id" -> List.of(CloudState.IMAGE_OWNER);
                    case "image-id" -> List.of(imageId);
                    case "state" -> List.of("available");
                    case "architecture" -> List.of("x86_64");
                    case "virtualization-type" -> List.of("hvm");
                    case "root-device-type" -> List.of("ebs");
                    case "is-public" -> List.of("true");
                    case "image-type" -> List.of("machine");
                    default -> null;
                });
        xml.open("imagesSet");
        if (match) {
            xml.open("item").leaf("imageId", imageId)
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

    private List<KeyPair> keyPairs(CloudRegion region) {
        return state.keyPairs.values().stream().filter(k -> region.holds(k.region)).toList();
    }

    private void describeKeyPairs(Params p, Call call, Xml xml) {
        List<String> names = p.list("KeyName");
        for (String name : names) {
            if (state.keyPair(call.region(), name) == null) {
                throw AwsError.notFound("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
            }
        }
        List<String> ids = p.list("KeyPairId");
        xml.open("keySet");
        for (KeyPair key : keyPairs(call.region())) {
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

    private KeyPair newKeyPair(Params p, Call call, String publicKey, String fingerprint) {
        String name = p.required("KeyName");
        if (state.keyPair(call.region(), name) != null) {
            throw AwsError.badRequest("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        KeyPair key = new KeyPair();
        key.name = name;
        key.region = call.region().name();
        key.id = CloudState.newId("key-");
        key.publicKey = publicKey;
        key.fingerprint = fingerprint;
        key.created = Cloud.now();
        key.tags.putAll(specTags(p, "key-pair"));
        state.keyPairs.put(key.id, key);
        return key;
    }

    private void createKeyPair(Params p, Call call, Xml xml) {
        KeyMaterial material = KeyMaterial.generate();
        KeyPair key = newKeyPair(p, call, material.publicLine(), material.fingerprint());
        xml.leaf("keyName", key.name).leaf("keyFingerprint", key.fingerprint).leaf("keyMaterial", material.privatePem())
                .leaf("keyPairId", key.id);
        Ec2Api.tagSet(xml, key.tags);
    }

    private void importKeyPair(Params p, Call call, Xml xml) {
        String line;
        try {
            line = new String(Base64.getDecoder().decode(p.required("PublicKeyMaterial")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            line = p.get("PublicKeyMaterial");
        }
        String fingerprint = KeyMaterial.fingerprint(KeyMaterial.parsePublic(line));
        KeyPair key = newKeyPair(p, call, line.trim(), fingerprint);
        xml.leaf("keyName", key.name).leaf("keyFingerprint", key.fingerprint).leaf("keyPairId", key.id);
        Ec2Api.tagSet(xml, key.tags);
    }

    private void deleteKeyPair(Params p, Call call, Xml xml) {
        KeyPair key = p.has("KeyPairId")
                ? keyPairs(call.region()).stream().filter(k -> k.id.equals(p.get("KeyPairId"))).findFirst().orElse(null)
                : state.keyPair(call.region(), p.required("KeyName"));
        if (key != null) {
            state.keyPairs.values().remove(key);
        }
        xml.leaf("return", true);
    }

    private void describeVpcs(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
        for (String id : p.list("VpcId")) {
            if (!region.vpcId().equals(id)) {
                throw AwsError.notFound("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        xml.open("vpcSet");
        if (Filters.matches(p.structs("Filter"), name -> switch (name) {
            case "is-default", "isDefault" -> List.of("true");
            case "vpc-id" -> List.of(region.vpcId());
            case "state" -> List.of("available");
            case "cidr", "cidr-block", "cidr-block-association.cidr-block" -> List.of(CloudRegion.VPC_CIDR);
            case "owner-id" -> List.of(CloudState.ACCOUNT);
            default -> Filters.tagAttribute(name, Map.of());
        })) {
            xml.open("item").leaf("vpcId", region.vpcId()).leaf("ownerId", CloudState.ACCOUNT).leaf("state", "available")
                    .leaf("cidrBlock", CloudRegion.VPC_CIDR).leaf("dhcpOptionsId", "dopt-0a5b0c0d0e0f00001")
                    .leaf("instanceTenancy", "default").leaf("isDefault", true).end();
        }
        xml.end();
    }

    private void describeSubnets(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
        List<String> ids = p.list("SubnetId");
        ids.forEach(region::zoneOfSubnet);
        List<Zone> shown = region.zones().stream().filter(zone -> (ids.isEmpty() || ids.contains(zone.subnetId()))
                && Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "vpc-id" -> List.of(region.vpcId());
                    case "subnet-id" -> List.of(zone.subnetId());
                    case "availability-zone", "availabilityZone" -> List.of(zone.name());
                    case "availability-zone-id" -> List.of(zone.zoneId());
                    case "default-for-az", "defaultForAz" -> List.of("true");
                    case "map-public-ip-on-launch" -> List.of("true");
                    case "cidr-block", "cidr" -> List.of(zone.cidr());
                    case "state" -> List.of("available");
                    default -> Filters.tagAttribute(name, Map.of());
                })).toList();
        Paging.Page<Zone> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("subnetSet");
        for (Zone zone : page.items()) {
            xml.open("item").leaf("subnetId", zone.subnetId()).leaf("subnetArn", region.arn("ec2", "subnet/" + zone.subnetId()))
                    .leaf("state", "available").leaf("ownerId", CloudState.ACCOUNT).leaf("vpcId", region.vpcId())
                    .leaf("cidrBlock", zone.cidr()).leaf("availableIpAddressCount", 4091).leaf("availabilityZone", zone.name())
                    .leaf("availabilityZoneId", zone.zoneId()).leaf("defaultForAz", true).leaf("mapPublicIpOnLaunch", true).end();
        }
        xml.end().leaf("nextToken", page.next());
    }

    private void describeZones(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
        List<String> names = p.list("ZoneName");
        xml.open("availabilityZoneInfo");
        for (Zone zone : region.zones()) {
            if ((names.isEmpty() || names.contains(zone.name())) && Filters.matches(p.structs("Filter"), name -> switch (name) {
                case "zone-name" -> List.of(zone.name());
                case "zone-id" -> List.of(zone.zoneId());
                case "state" -> List.of("available");
                case "region-name" -> List.of(region.name());
                case "zone-type" -> List.of("availability-zone");
                case "opt-in-status" -> List.of("opt-in-not-required");
                default -> null;
            })) {
                xml.open("item").leaf("zoneName", zone.name()).leaf("zoneState", "available").leaf("regionName", region.name())
                        .leaf("zoneId", zone.zoneId()).leaf("zoneType", "availability-zone")
                        .leaf("optInStatus", "opt-in-not-required").leaf("groupName", region.name())
                        .leaf("networkBorderGroup", region.name()).open("messageSet").end().end();
            }
        }
        xml.end();
    }

    private void describeRegions(Params p, Call call, Xml xml) {
        List<String> names = p.list("RegionName");
        xml.open("regionInfo");
        for (String name : REGIONS) {
            if ((names.isEmpty() || names.contains(name)) && Filters.matches(p.structs("Filter"), filter -> switch (filter) {
                case "region-name" -> List.of(name);
                case "endpoint" -> List.of("ec2." + name + ".amazonaws.com");
                case "opt-in-status" -> List.of("opt-in-not-required");
                default -> null;
            })) {
                xml.open("item").leaf("regionName", name).leaf("regionEndpoint", "ec2." + name + ".amazonaws.com")
                        .leaf("optInStatus", "opt-in-not-required").end();
            }
        }
        xml.end();
    }

    /** No Elastic IP is ever allocated in the sandbox (nor in the lab): the set is empty, ids are unknown. */
    private void describeAddresses(Params p, Call call, Xml xml) {
        for (String ip : p.list("PublicIp")) {
            throw AwsError.notFound("InvalidAddress.NotFound", "Address '" + ip + "' not found.");
        }
        for (String id : p.list("AllocationId")) {
            throw AwsError.notFound("InvalidAllocationID.NotFound", "The allocation ID '" + id + "' does not exist");
        }
        Filters.matches(p.structs("Filter"), name -> name.startsWith("tag") || List.of("allocation-id", "association-id",
                "domain", "instance-id", "network-interface-id", "private-ip-address", "public-ip").contains(name) ? List.of() : null);
        xml.open("addressesSet").end();
    }

    private void describeInstanceTypes(Params p, Call call, Xml xml) {
        List<String> wanted = p.list("InstanceType");
        for (String name : wanted) {
            if (InstanceTypes.find(name).isEmpty()) {
                throw AwsError.badRequest("InvalidInstanceType", "The following supplied instance types do not exist: [" + name + "]");
            }
        }
        List<InstanceTypes.Type> shown = InstanceTypes.all().stream().filter(type -> (wanted.isEmpty() || wanted.contains(type.name()))
                && Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "instance-type" -> List.of(type.name());
                    case "free-tier-eligible" -> List.of(String.valueOf(type.freeTier()));
                    case "current-generation" -> List.of("true");
                    case "processor-info.supported-architecture" -> List.of(type.architecture());
                    case "vcpu-info.default-vcpus" -> List.of(String.valueOf(type.vcpus()));
                    case "memory-info.size-in-mib" -> List.of(String.valueOf(type.memoryMiB()));
                    default -> null;
                })).toList();
        Paging.Page<InstanceTypes.Type> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2_TYPES);
        xml.open("instanceTypeSet");
        for (InstanceTypes.Type type : page.items()) {
            xml.open("item").leaf("instanceType", type.name()).leaf("currentGeneration", true).leaf("freeTierEligible", type.freeTier())
                    .open("supportedUsageClasses").leaf("item", "on-demand").leaf("item", "spot").end()
                    .open("processorInfo").open("supportedArchitectures").leaf("item", type.architecture()).end().end()
                    .open("vCpuInfo").leaf("defaultVCpus", type.vcpus()).end().open("memoryInfo").leaf("sizeInMiB", type.memoryMiB()).end()
                    .leaf("hypervisor", Ec2Instances.nitro(type.name()) ? "nitro" : "xen").end();
        }
        xml.end().leaf("nextToken", page.next());
    }

    private void describeTags(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
        record Tagged(String id, String type, Map<String, String> tags) {}
        List<Tagged> all = new ArrayList<>();
        state.instances.values().stream().filter(i -> region.holds(i.region)).forEach(i -> all.add(new Tagged(i.id, "instance", i.tags)));
        state.securityGroups.values().stream().filter(g -> region.holds(g.region))
                .forEach(g -> all.add(new Tagged(g.id, "security-group", g.tags)));
        state.launchTemplates.values().stream().filter(t -> region.holds(t.region))
                .forEach(t -> all.add(new Tagged(t.id, "launch-template", t.tags)));
        keyPairs(region).forEach(k -> all.add(new Tagged(k.id, "key-pair", k.tags)));
        record Tag(Tagged resource, String key, String value) {}
        List<Tag> tags = new ArrayList<>();
        for (Tagged resource : all) {
            resource.tags().forEach((key, value) -> {
                if (Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "resource-id" -> List.of(resource.id());
                    case "resource-type" -> List.of(resource.type());
                    case "key" -> List.of(key);
                    case "value" -> List.of(value);
                    default -> null;
                })) {
                    tags.add(new Tag(resource, key, value));
                }
            });
        }
        Paging.Page<Tag> page = Paging.page(tags, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("tagSet");
        page.items().forEach(tag -> xml.open("item").leaf("resourceId", tag.resource().id()).leaf("resourceType", tag.resource().type())
                .leaf("key", tag.key()).leaf("value", tag.value()).end());
        xml.end().leaf("nextToken", page.next());
    }

    /** The tags of any taggable resource of the region by id, or null when there is none. */
    Map<String, String> tagsOf(CloudRegion region, String id) {
        var instance = state.instances.get(id);
        if (instance != null && region.holds(instance.region)) {
            return instance.tags;
        }
        var group = state.securityGroups.get(id);
        if (group != null && region.holds(group.region)) {
            return group.tags;
        }
        var template = state.launchTemplates.get(id);
        if (template != null && region.holds(template.region)) {
            return template.tags;
        }
        return keyPairs(region).stream().filter(k -> k.id.equals(id)).map(k -> k.tags).findFirst().orElse(null);
    }

    static Map<String, String> specTags(Params p, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params spec : p.structs("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                tags.putAll(Ec2Api.tags(spec.structs("Tag")));
            }
        }
        return tags;
    }
}
