package awslab.sandbox;

import awslab.sandbox.Cloud.Change;
import awslab.sandbox.Cloud.LaunchSpec;
import awslab.sandbox.CloudState.Instance;
import awslab.sandbox.CloudState.TemplateVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2 in the EC2 Query protocol. This class dispatches every action and owns the instances'
 * lifecycle (run, stop, start, reboot, terminate, attributes) and tags; the views of instances
 * and their volumes are {@link Ec2Instances}, security groups {@link Ec2SecurityGroups}, the
 * rest of the catalogue (images, key pairs, network, regions, types) {@link Ec2Catalog}, and
 * launch templates {@link Ec2Templates}. Every action takes {@code DryRun} as AWS does.
 *
 * <pre>
 * String xml = new Ec2Api(cloud).handle("DescribeInstances", params, call);
 * </pre>
 */
final class Ec2Api {
    /** One EC2 action: reads the request, writes the answer's elements, or throws an {@link AwsError}. */
    @FunctionalInterface
    interface Action {
        void run(Params p, Call call, Xml xml);
    }

    /**
     * Actions that check their request before acting (and call {@link Call#proceed()} in
     * between), so a dry run reports what a real call would refuse; any other action's dry run
     * answers {@code DryRunOperation} at once, as AWS does when the caller may call it.
     */
    private static final Set<String> CHECKED_DRY_RUNS = Set.of("RunInstances", "StopInstances", "StartInstances",
            "TerminateInstances", "RebootInstances", "ModifyInstanceAttribute", "CreateTags", "DeleteTags",
            "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "DeleteSecurityGroup");

    private final Cloud cloud;
    private final Ec2Catalog catalog;
    private final Ec2SecurityGroups securityGroups;
    private final Ec2Templates templates;
    private final Map<String, Action> actions = new HashMap<>();

    Ec2Api(Cloud cloud) {
        this.cloud = cloud;
        this.securityGroups = new Ec2SecurityGroups(cloud);
        this.catalog = new Ec2Catalog(cloud.state);
        this.templates = new Ec2Templates(cloud.state, securityGroups);
        actions.put("RunInstances", this::runInstances);
        actions.put("StopInstances", (p, call, xml) -> changes(cloud.stop(checkedIds(p, call)), xml));
        actions.put("StartInstances", (p, call, xml) -> changes(cloud.start(checkedIds(p, call)), xml));
        actions.put("TerminateInstances", this::terminateInstances);
        actions.put("RebootInstances", (p, call, xml) -> {
            cloud.reboot(checkedIds(p, call));
            xml.leaf("return", true);
        });
        actions.put("ModifyInstanceAttribute", this::modifyInstanceAttribute);
        actions.put("CreateTags", (p, call, xml) -> tagResources(p, call, xml, true));
        actions.put("DeleteTags", (p, call, xml) -> tagResources(p, call, xml, false));
        new Ec2Instances(cloud).register(actions);
        securityGroups.register(actions);
        catalog.register(actions);
        templates.register(actions);
    }

    String handle(String action, Params p, Call call) {
        Action handler = actions.get(action);
        if (handler == null) {
            throw AwsError.unsupported("ec2", action);
        }
        Xml xml = new Xml().open(action + "Response", Xml.EC2_NS).leaf("requestId", call.requestId());
        synchronized (cloud) {
            if (!CHECKED_DRY_RUNS.contains(action)) {
                call.proceed();
            }
            handler.run(p, call, xml);
        }
        return xml.end().toString();
    }

    private void runInstances(Params p, Call call, Xml xml) {
        CloudRegion region = call.region();
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
            var template = templates.template(region, p.get("LaunchTemplate.LaunchTemplateId"), p.get("LaunchTemplate.LaunchTemplateName"));
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
                groups.addAll(securityGroups.idsByName(region, version.securityGroupNames));
            }
            tags.putAll(version.instanceTags);
        }
        groups.addAll(securityGroups.idsByName(region, p.list("SecurityGroup")));
        String subnet = p.get("SubnetId");
        Params nic = p.sub("NetworkInterface.1.");
        if (nic != null) {
            subnet = subnet == null ? nic.get("SubnetId") : subnet;
            groups.addAll(nic.list("SecurityGroupId"));
        }
        if (subnet == null && p.has("Placement.AvailabilityZone")) {
            subnet = region.zoneNamed(p.get("Placement.AvailabilityZone")).subnetId();
        }
        tags.putAll(Ec2Catalog.specTags(p, "instance"));
        if (image == null) {
            throw AwsError.missing("ImageId");
        }
        // EC2's default type when none is given; Learner Lab then refuses it (it is not nano to large)
        LaunchSpec spec = new LaunchSpec(region, image, type == null ? "m1.small" : type, key, subnet, groups, userData, tokens, tags,
                templateId, templateVersion, null);
        int min = p.integer("MinCount", 1);
        int max = p.integer("MaxCount", 1);
        cloud.checkLaunch(spec, min, max);
        call.proceed();
        List<Instance> launched = cloud.runInstances(spec, min, max);
        xml.leaf("reservationId", launched.get(0).reservationId).leaf("ownerId", CloudState.ACCOUNT);
        xml.open("groupSet").end().open("instancesSet");
        launched.forEach(instance -> Ec2Instances.instance(cloud.state, instance, xml));
        xml.end();
    }

    /** The request's instance ids, each an instance of the call's region, then the dry-run point. */
    private List<String> checkedIds(Params p, Call call) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw AwsError.missing("InstanceId");
        }
        ids.forEach(id -> cloud.instance(call.region(), id));
        call.proceed();
        return ids;
    }

    private void terminateInstances(Params p, Call call, Xml xml) {
        List<String> ids = p.list("InstanceId");
        for (String id : ids) {
            if (cloud.instance(call.region(), id).disableApiTermination) {
                throw AwsError.badRequest("OperationNotPermitted", "The instance '" + id + "' may not be terminated. Modify its"
                        + " 'disableApiTermination' instance attribute and try again.");
            }
        }
        changes(cloud.terminate(checkedIds(p, call)), xml);
    }

    /** The attributes a student may change: the type and user data (while stopped), the groups, termination protection. */
    private void modifyInstanceAttribute(Params p, Call call, Xml xml) {
        Instance instance = cloud.instance(call.region(), p.required("InstanceId"));
        String attribute = p.get("Attribute");
        String type = p.get("InstanceType.Value", "instanceType".equals(attribute) ? p.get("Value") : null);
        String userData = p.get("UserData.Value", "userData".equals(attribute) ? p.get("Value") : null);
        String protection = p.get("DisableApiTermination.Value", "disableApiTermination".equals(attribute) ? p.get("Value") : null);
        List<String> groups = p.list("GroupId");
        if ((type != null || userData != null) && !"stopped".equals(instance.state)) {
            throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + instance.id + "' is not in the 'stopped' state.");
        }
        if (type != null) {
            InstanceTypes.checkLaunch(type, call.region());
        }
        groups.forEach(id -> securityGroups.group(call.region(), id));
        if (type == null && userData == null && protection == null && groups.isEmpty() && !p.has("SourceDestCheck.Value")) {
            throw AwsError.missing("Attribute");
        }
        call.proceed();
        if (type != null) {
            instance.instanceType = type;
        }
        if (userData != null) {
            instance.userData = userData;
        }
        if (protection != null) {
            instance.disableApiTermination = Boolean.parseBoolean(protection);
        }
        if (!groups.isEmpty()) {
            instance.securityGroupIds.clear();
            instance.securityGroupIds.addAll(groups);
        }
        xml.leaf("return", true);
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

    private void tagResources(Params p, Call call, Xml xml, boolean add) {
        Map<String, String> tags = tags(p.structs("Tag"));
        List<Map<String, String>> targets = new ArrayList<>();
        for (String id : p.list("ResourceId")) {
            Map<String, String> resourceTags = catalog.tagsOf(call.region(), id);
            if (resourceTags == null) {
                throw AwsError.notFound("InvalidID", "The ID '" + id + "' is not valid");
            }
            targets.add(resourceTags);
        }
        call.proceed();
        for (Map<String, String> resourceTags : targets) {
            if (add) {
                resourceTags.putAll(tags);
            } else {
                tags.keySet().forEach(resourceTags::remove);
            }
        }
        xml.leaf("return", true);
    }
}
