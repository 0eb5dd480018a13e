package awslab.sandbox;

import awslab.sandbox.Cloud.Change;
import awslab.sandbox.Cloud.LaunchSpec;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.TemplateVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's instance operations in the EC2 Query protocol: run, describe, stop, start, reboot,
 * terminate, and tags. The catalogue (images, key pairs, network, security groups, launch
 * templates) is {@link Ec2Catalog}.
 *
 * <pre>
 * String xml = new Ec2Api(cloud).handle("DescribeInstances", params, requestId);
 * </pre>
 */
final class Ec2Api {
    private final Cloud cloud;
    private final Ec2Catalog catalog;

    Ec2Api(Cloud cloud) {
        this.cloud = cloud;
        this.catalog = new Ec2Catalog(cloud);
    }

    String handle(String action, Params p, String requestId) {
        Xml xml = new Xml().open(action + "Response", Xml.EC2_NS).leaf("requestId", requestId);
        synchronized (cloud) {
            switch (action) {
                case "RunInstances" -> runInstances(p, xml);
                case "DescribeInstances" -> describeInstances(p, xml);
                case "DescribeInstanceStatus" -> describeInstanceStatus(p, xml);
                case "StopInstances" -> changes(cloud.stop(p.list("InstanceId")), xml);
                case "StartInstances" -> changes(cloud.start(p.list("InstanceId")), xml);
                case "TerminateInstances" -> changes(cloud.terminate(p.list("InstanceId")), xml);
                case "RebootInstances" -> {
                    cloud.reboot(p.list("InstanceId"));
                    xml.leaf("return", true);
                }
                case "CreateTags" -> {
                    tagResources(p.list("ResourceId"), tags(p.structs("Tag")), true);
                    xml.leaf("return", true);
                }
                case "DeleteTags" -> {
                    tagResources(p.list("ResourceId"), tags(p.structs("Tag")), false);
                    xml.leaf("return", true);
                }
                default -> {
                    if (!catalog.handle(action, p, xml)) {
                        throw AwsError.unsupported("ec2", action);
                    }
                }
            }
        }
        return xml.end().toString();
    }

    private void runInstances(Params p, Xml xml) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(p.list("SecurityGroupId"));
        String image = p.get("ImageId");
        String type = p.get("InstanceType");
        String key = p.get("KeyName");
        String userData = p.get("UserData");
        String tokens = p.get("MetadataOptions.HttpTokens");
        String templateId = null;
        String templateVersion = null;
        if (p.has("LaunchTemplate.LaunchTemplateId") || p.has("LaunchTemplate.LaunchTemplateName")) {
            var template = catalog.template(p.get("LaunchTemplate.LaunchTemplateId"), p.get("LaunchTemplate.LaunchTemplateName"));
            TemplateVersion version = template.version(p.get("LaunchTemplate.Version"));
            templateId = template.id;
            templateVersion = String.valueOf(version.number);
            image = image == null ? version.imageId : image;
            type = type == null ? version.instanceType : type;
            key = key == null ? version.keyName : key;
            userData = userData == null ? version.userData : userData;
            tokens = tokens == null ? version.httpTokens : tokens;
            if (groups.isEmpty()) {
                groups.addAll(version.securityGroupIds);
                groups.addAll(catalog.groupIdsByName(version.securityGroupNames));
            }
            tags.putAll(version.instanceTags);
        }
        groups.addAll(catalog.groupIdsByName(p.list("SecurityGroup")));
        String subnet = p.get("SubnetId");
        Params nic = p.sub("NetworkInterface.1.");
        if (nic != null) {
            subnet = subnet == null ? nic.get("SubnetId") : subnet;
            groups.addAll(nic.list("SecurityGroupId"));
        }
        if (subnet == null && p.has("Placement.AvailabilityZone")) {
            subnet = CloudState.zoneNamed(p.get("Placement.AvailabilityZone")).subnetId();
        }
        for (Params spec : p.structs("TagSpecification")) {
            if ("instance".equals(spec.get("ResourceType"))) {
                tags.putAll(tags(spec.structs("Tag")));
            }
        }
        if (image == null) {
            throw AwsError.missing("ImageId");
        }
        LaunchSpec spec = new LaunchSpec(image, type == null ? "m1.small" : type, key, subnet, groups, userData, tokens, tags,
                templateId, templateVersion, null);
        List<Instance> launched = cloud.runInstances(spec, p.integer("MinCount", 1), p.integer("MaxCount", 1));
        xml.leaf("reservationId", launched.get(0).reservationId).leaf("ownerId", CloudState.ACCOUNT);
        xml.open("groupSet").end().open("instancesSet");
        launched.forEach(instance -> instance(instance, xml));
        xml.end();
    }

    private void describeInstances(Params p, Xml xml) {
        List<String> ids = p.list("InstanceId");
        ids.forEach(cloud::instance);
        Map<String, List<Instance>> reservations = new LinkedHashMap<>();
        for (Instance instance : cloud.state.instances.values()) {
            if ((ids.isEmpty() || ids.contains(instance.id)) && Filters.matches(p.structs("Filter"), name -> attribute(instance, name))) {
                reservations.computeIfAbsent(instance.reservationId, r -> new ArrayList<>()).add(instance);
            }
        }
        xml.open("reservationSet");
        reservations.forEach((reservation, instances) -> {
            xml.open("item").leaf("reservationId", reservation).leaf("ownerId", CloudState.ACCOUNT).open("groupSet").end();
            xml.open("instancesSet");
            instances.forEach(instance -> instance(instance, xml));
            xml.end().end();
        });
        xml.end();
    }

    private static Collection<String> attribute(Instance instance, String name) {
        String value = switch (name) {
            case "instance-id" -> instance.id;
            case "instance-state-name" -> instance.state;
            case "instance-type" -> instance.instanceType;
            case "image-id" -> instance.imageId;
            case "key-name" -> instance.keyName;
            case "availability-zone" -> instance.zone;
            case "subnet-id" -> instance.subnetId;
            case "vpc-id" -> CloudState.VPC_ID;
            case "reservation-id" -> instance.reservationId;
            case "ip-address" -> instance.publicIp;
            case "private-ip-address" -> instance.privateIp;
            case "instance-state-code" -> String.valueOf(Cloud.STATE_CODES.get(instance.state));
            default -> null;
        };
        if (value != null || name.equals("ip-address") || name.equals("key-name")) {
            return value == null ? List.of() : List.of(value);
        }
        if (name.equals("instance.group-id")) {
            return instance.securityGroupIds;
        }
        return Filters.tagAttribute(name, instance.tags);
    }

    private void instance(Instance instance, Xml xml) {
        xml.open("item").leaf("instanceId", instance.id).leaf("imageId", instance.imageId);
        state(xml, "instanceState", instance.state);
        String privateDns = "ip-" + instance.privateIp.replace('.', '-') + ".ec2.internal";
        String publicDns = instance.publicIp == null ? "" : "ec2-" + instance.publicIp.replace('.', '-') + ".compute-1.amazonaws.com";
        xml.leaf("privateDnsName", privateDns).leaf("dnsName", publicDns).leaf("reason", "")
                .leaf("keyName", instance.keyName).leaf("amiLaunchIndex", 0).open("productCodes").end()
                .leaf("instanceType", instance.instanceType).leaf("launchTime", instance.launchTime)
                .open("placement").leaf("availabilityZone", instance.zone).leaf("groupName", "").leaf("tenancy", "default").end()
                .open("monitoring").leaf("state", "disabled").end()
                .leaf("subnetId", instance.subnetId).leaf("vpcId", CloudState.VPC_ID)
                .leaf("privateIpAddress", instance.privateIp).leaf("ipAddress", instance.publicIp)
                .leaf("sourceDestCheck", true).open("groupSet");
        for (String group : instance.securityGroupIds) {
            var sg = cloud.state.securityGroups.get(group);
            xml.open("item").leaf("groupId", group).leaf("groupName", sg == null ? null : sg.name).end();
        }
        xml.end().leaf("architecture", "x86_64").leaf("rootDeviceType", "ebs").leaf("rootDeviceName", "/dev/sda1")
                .leaf("virtualizationType", "hvm").leaf("hypervisor", "xen").leaf("ebsOptimized", false).leaf("enaSupport", true);
        if (instance.stateReason != null) {
            // a transition whose machine work failed (see Cloud#transition): say so, as AWS does
            xml.open("stateReason").leaf("code", "Server.InternalError").leaf("message", instance.stateReason).end();
        } else if ("stopped".equals(instance.state) || "terminated".equals(instance.state)) {
            xml.open("stateReason").leaf("code", "Client.UserInitiatedShutdown")
                    .leaf("message", "Client.UserInitiatedShutdown: User initiated shutdown").end();
        }
        tagSet(xml, instance.tags);
        xml.open("metadataOptions").leaf("state", "applied").leaf("httpTokens", instance.httpTokens)
                .leaf("httpPutResponseHopLimit", 2).leaf("httpEndpoint", "enabled").end();
        xml.end();
    }

    private void describeInstanceStatus(Params p, Xml xml) {
        List<String> ids = p.list("InstanceId");
        ids.forEach(cloud::instance);
        boolean all = "true".equalsIgnoreCase(p.get("IncludeAllInstances"));
        xml.open("instanceStatusSet");
        for (Instance instance : cloud.state.instances.values()) {
            if ((ids.isEmpty() || ids.contains(instance.id)) && (all || "running".equals(instance.state))
                    && Filters.matches(p.structs("Filter"), name -> attribute(instance, name))) {
                boolean running = "running".equals(instance.state);
                String status = running ? "ok" : "not-applicable";
                xml.open("item").leaf("instanceId", instance.id).leaf("availabilityZone", instance.zone);
                state(xml, "instanceState", instance.state);
                for (String part : List.of("systemStatus", "instanceStatus")) {
                    xml.open(part).leaf("status", status).open("details").open("item").leaf("name", "reachability")
                            .leaf("status", running ? "passed" : "not-applicable").end().end().end();
                }
                xml.end();
            }
        }
        xml.end();
    }

    private static void changes(List<Change> changes, Xml xml) {
        xml.open("instancesSet");
        for (Change change : changes) {
            xml.open("item").leaf("instanceId", change.instanceId());
            state(xml, "currentState", change.current());
            state(xml, "previousState", change.previous());
            xml.end();
        }
        xml.end();
    }

    static void state(Xml xml, String element, String name) {
        xml.open(element).leaf("code", Cloud.STATE_CODES.get(name)).leaf("name", name).end();
    }

    static void tagSet(Xml xml, Map<String, String> tags) {
        xml.open("tagSet");
        tags.forEach((key, value) -> xml.open("item").leaf("key", key).leaf("value", value).end());
        xml.end();
    }

    static Map<String, String> tags(List<Params> tagParams) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : tagParams) {
            tags.put(tag.required("Key"), tag.get("Value", ""));
        }
        return tags;
    }

    private void tagResources(List<String> ids, Map<String, String> tags, boolean add) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> resourceTags = catalog.tagsOf(id);
            if (resourceTags == null) {
                throw AwsError.notFound("InvalidID", "The ID '" + id + "' is not valid");
            }
            targets.add(resourceTags);
        }
        for (Map<String, String> resourceTags : targets) {
            if (add) {
                resourceTags.putAll(tags);
            } else {
                tags.keySet().forEach(resourceTags::remove);
            }
        }
    }
}
