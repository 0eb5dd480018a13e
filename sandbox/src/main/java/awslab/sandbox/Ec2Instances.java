package awslab.sandbox;

import awslab.sandbox.CloudState.Instance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's views of instances in the EC2 Query protocol: DescribeInstances and
 * DescribeInstanceStatus (filtered and paged), DescribeInstanceAttribute, GetConsoleOutput,
 * and the instances' root volumes (DescribeVolumes: one 8 GiB gp3 disk each, as the lab's
 * default storage). Called with the {@link Cloud} lock held.
 *
 * <pre>
 * new Ec2Instances(cloud).register(actions);
 * </pre>
 */
final class Ec2Instances {
    private final Cloud cloud;
    private final CloudState state;

    Ec2Instances(Cloud cloud) {
        this.cloud = cloud;
        this.state = cloud.state;
    }

    void register(Map<String, Ec2Api.Action> actions) {
        actions.put("DescribeInstances", this::describeInstances);
        actions.put("DescribeInstanceStatus", this::describeInstanceStatus);
        actions.put("DescribeInstanceAttribute", this::describeInstanceAttribute);
        actions.put("GetConsoleOutput", this::getConsoleOutput);
        actions.put("DescribeVolumes", this::describeVolumes);
    }

    /** The region's instances the request names (all when none), filtered; unknown ids are EC2's not-found error. */
    private List<Instance> selected(Params p, Call call) {
        List<String> ids = p.list("InstanceId");
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw AwsError.badRequest("InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        ids.forEach(id -> cloud.instance(call.region(), id));
        List<Instance> found = new ArrayList<>();
        for (Instance instance : state.instances.values()) {
            if (call.region().holds(instance.region) && (ids.isEmpty() || ids.contains(instance.id))
                    && Filters.matches(p.structs("Filter"), name -> attribute(instance, name))) {
                found.add(instance);
            }
        }
        return found;
    }

    private void describeInstances(Params p, Call call, Xml xml) {
        Paging.Page<Instance> page = Paging.page(selected(p, call), p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        Map<String, List<Instance>> reservations = new LinkedHashMap<>();
        page.items().forEach(i -> reservations.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(i));
        xml.open("reservationSet");
        reservations.forEach((reservation, instances) -> {
            xml.open("item").leaf("reservationId", reservation).leaf("ownerId", CloudState.ACCOUNT).open("groupSet").end();
            xml.open("instancesSet");
            instances.forEach(instance -> instance(state, instance, xml));
            xml.end().end();
        });
        xml.end().leaf("nextToken", page.next());
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
            case "vpc-id" -> CloudRegion.of(instance.region).vpcId();
            case "reservation-id" -> instance.reservationId;
            case "ip-address", "network-interface.addresses.association.public-ip" -> instance.publicIp;
            case "private-ip-address" -> instance.privateIp;
            case "dns-name" -> publicDns(instance);
            case "private-dns-name" -> privateDns(instance);
            case "instance-state-code" -> String.valueOf(Cloud.STATE_CODES.get(instance.state));
            case "launch-time" -> instance.launchTime;
            default -> null;
        };
        if (value != null || List.of("ip-address", "key-name", "dns-name", "network-interface.addresses.association.public-ip")
                .contains(name)) {
            return value == null || value.isEmpty() ? List.of() : List.of(value);
        }
        if (name.equals("instance.group-id") || name.equals("group-id")) {
            return instance.securityGroupIds;
        }
        return Filters.tagAttribute(name, instance.tags);
    }

    static String privateDns(Instance instance) {
        return "ip-" + instance.privateIp.replace('.', '-') + "." + CloudRegion.of(instance.region).privateDnsSuffix();
    }

    static String publicDns(Instance instance) {
        return instance.publicIp == null ? "" : "ec2-" + instance.publicIp.replace('.', '-') + "."
                + CloudRegion.of(instance.region).publicDnsSuffix();
    }

    static void instance(CloudState state, Instance instance, Xml xml) {
        xml.open("item").leaf("instanceId", instance.id).leaf("imageId", instance.imageId);
        Ec2Api.state(xml, "instanceState", instance.state);
        xml.leaf("privateDnsName", privateDns(instance)).leaf("dnsName", publicDns(instance)).leaf("reason", "")
                .leaf("keyName", instance.keyName).leaf("amiLaunchIndex", 0).open("productCodes").end()
                .leaf("instanceType", instance.instanceType).leaf("launchTime", instance.launchTime)
                .open("placement").leaf("availabilityZone", instance.zone).leaf("groupName", "").leaf("tenancy", "default").end()
                .open("monitoring").leaf("state", "disabled").end()
                .leaf("subnetId", instance.subnetId).leaf("vpcId", CloudRegion.of(instance.region).vpcId())
                .leaf("privateIpAddress", instance.privateIp).leaf("ipAddress", instance.publicIp)
                .leaf("sourceDestCheck", true);
        groupSet(state, instance, xml);
        xml.leaf("architecture", "x86_64").leaf("rootDeviceType", "ebs").leaf("rootDeviceName", "/dev/sda1")
                .open("blockDeviceMapping");
        if (!"terminated".equals(instance.state)) {
            xml.open("item").leaf("deviceName", "/dev/sda1").open("ebs").leaf("volumeId", volumeId(instance))
                    .leaf("status", "attached").leaf("attachTime", instance.launchTime).leaf("deleteOnTermination", true).end().end();
        }
        xml.end().leaf("virtualizationType", "hvm").leaf("hypervisor", nitro(instance.instanceType) ? "nitro" : "xen")
                .leaf("ebsOptimized", false).leaf("enaSupport", true);
        if (instance.stateReason != null) {
            // a transition whose machine work failed (see Cloud#transition): say so, as AWS does
            xml.open("stateReason").leaf("code", "Server.InternalError").leaf("message", instance.stateReason).end();
        } else if ("stopped".equals(instance.state) || "terminated".equals(instance.state)) {
            xml.open("stateReason").leaf("code", "Client.UserInitiatedShutdown")
                    .leaf("message", "Client.UserInitiatedShutdown: User initiated shutdown").end();
        }
        Ec2Api.tagSet(xml, instance.tags);
        xml.open("metadataOptions").leaf("state", "applied").leaf("httpTokens", instance.httpTokens)
                .leaf("httpPutResponseHopLimit", 2).leaf("httpEndpoint", "enabled").end();
        xml.end();
    }

    private static void groupSet(CloudState state, Instance instance, Xml xml) {
        xml.open("groupSet");
        for (String group : instance.securityGroupIds) {
            var sg = state.securityGroups.get(group);
            xml.open("item").leaf("groupId", group).leaf("groupName", sg == null ? null : sg.name).end();
        }
        xml.end();
    }

    private void describeInstanceStatus(Params p, Call call, Xml xml) {
        boolean all = "true".equalsIgnoreCase(p.get("IncludeAllInstances"));
        List<Instance> shown = selected(p, call).stream().filter(i -> all || "running".equals(i.state)).toList();
        Paging.Page<Instance> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("instanceStatusSet");
        for (Instance instance : page.items()) {
            boolean running = "running".equals(instance.state);
            String status = running ? "ok" : "not-applicable";
            xml.open("item").leaf("instanceId", instance.id).leaf("availabilityZone", instance.zone);
            Ec2Api.state(xml, "instanceState", instance.state);
            for (String part : List.of("systemStatus", "instanceStatus")) {
                xml.open(part).leaf("status", status).open("details").open("item").leaf("name", "reachability")
                        .leaf("status", running ? "passed" : "not-applicable").end().end().end();
            }
            xml.end();
        }
        xml.end().leaf("nextToken", page.next());
    }

    private void describeInstanceAttribute(Params p, Call call, Xml xml) {
        Instance instance = cloud.instance(call.region(), p.required("InstanceId"));
        String attribute = p.required("Attribute");
        xml.leaf("instanceId", instance.id);
        switch (attribute) {
            case "instanceType" -> value(xml, attribute, instance.instanceType);
            case "userData" -> {
                xml.open("userData");
                xml.leaf("value", instance.userData);
                xml.end();
            }
            case "disableApiTermination" -> value(xml, attribute, instance.disableApiTermination);
            case "disableApiStop", "ebsOptimized" -> value(xml, attribute, false);
            case "enaSupport" -> value(xml, attribute, true);
            case "instanceInitiatedShutdownBehavior" -> value(xml, attribute, "stop");
            case "rootDeviceName" -> value(xml, attribute, "/dev/sda1");
            case "sourceDestCheck" -> value(xml, attribute, true);
            case "kernel", "ramdisk" -> xml.open(attribute).end();
            case "groupSet" -> groupSet(state, instance, xml);
            case "blockDeviceMapping" -> {
                xml.open("blockDeviceMapping").open("item").leaf("deviceName", "/dev/sda1").open("ebs")
                        .leaf("volumeId", volumeId(instance)).leaf("status", "attached").leaf("attachTime", instance.launchTime)
                        .leaf("deleteOnTermination", true).end().end().end();
            }
            default -> throw AwsError.badRequest("InvalidParameterValue", "Value (" + attribute + ") for parameter attribute is"
                    + " invalid. Unknown attribute.");
        }
    }

    private static void value(Xml xml, String element, Object value) {
        xml.open(element).leaf("value", value).end();
    }

    private void getConsoleOutput(Params p, Call call, Xml xml) {
        Instance instance = cloud.instance(call.region(), p.required("InstanceId"));
        if ("true".equalsIgnoreCase(p.get("Latest")) && !nitro(instance.instanceType)) {
            // only Nitro instances give their live console; a t2's comes as last posted (the shell then asks without Latest)
            throw AwsError.badRequest("UnsupportedOperation", "This instance type does not support retrieving the latest console"
                    + " output: " + instance.instanceType + " runs on the Xen hypervisor, not Nitro.");
        }
        String output = cloud.consoleOutput(instance.id);
        xml.leaf("instanceId", instance.id).leaf("timestamp", Cloud.now());
        if (!output.isEmpty()) {
            xml.leaf("output", Base64.getEncoder().encodeToString(output.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Whether a type runs on EC2's Nitro hypervisor (every current family but the t2s). */
    static boolean nitro(String instanceType) {
        return instanceType != null && !instanceType.startsWith("t2.");
    }

    /** An instance's root volume id, the same every time (derived from the instance id). */
    static String volumeId(Instance instance) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.id.getBytes(StandardCharsets.US_ASCII));
            return "vol-0" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void describeVolumes(Params p, Call call, Xml xml) {
        List<String> ids = p.list("VolumeId");
        List<Instance> owners = state.instances.values().stream()
                .filter(i -> call.region().holds(i.region) && !"terminated".equals(i.state)).toList();
        for (String id : ids) {
            if (owners.stream().noneMatch(i -> volumeId(i).equals(id))) {
                throw AwsError.notFound("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
        }
        List<Instance> shown = owners.stream().filter(i -> (ids.isEmpty() || ids.contains(volumeId(i)))
                && Filters.matches(p.structs("Filter"), name -> switch (name) {
                    case "volume-id" -> List.of(volumeId(i));
                    case "attachment.instance-id" -> List.of(i.id);
                    case "attachment.device" -> List.of("/dev/sda1");
                    case "attachment.status" -> List.of("attached");
                    case "attachment.delete-on-termination" -> List.of("true");
                    case "availability-zone" -> List.of(i.zone);
                    case "status" -> List.of("in-use");
                    case "volume-type" -> List.of("gp3");
                    case "size" -> List.of("8");
                    case "encrypted" -> List.of("false");
                    default -> Filters.tagAttribute(name, Map.of());
                })).toList();
        Paging.Page<Instance> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("volumeSet");
        for (Instance i : page.items()) {
            xml.open("item").leaf("volumeId", volumeId(i)).leaf("size", 8).leaf("snapshotId", "snap-0b1f0e5d9c7acc336")
                    .leaf("availabilityZone", i.zone).leaf("status", "in-use").leaf("createTime", i.launchTime)
                    .open("attachmentSet").open("item").leaf("volumeId", volumeId(i)).leaf("instanceId", i.id)
                    .leaf("device", "/dev/sda1").leaf("status", "attached").leaf("attachTime", i.launchTime)
                    .leaf("deleteOnTermination", true).end().end()
                    .leaf("volumeType", "gp3").leaf("iops", 3000).leaf("throughput", 125).leaf("encrypted", false)
                    .leaf("multiAttachEnabled", false).open("tagSet").end().end();
        }
        xml.end().leaf("nextToken", page.next());
    }
}
