package awslab.sandbox;

import awslab.sandbox.CloudState.LaunchTemplate;
import awslab.sandbox.CloudState.TemplateVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * EC2 launch templates in the EC2 Query protocol: create, describe (templates and versions),
 * delete, region by region. Called with the {@link Cloud} lock held.
 *
 * <pre>
 * new Ec2Templates(state, securityGroups).register(actions);
 * </pre>
 */
final class Ec2Templates {
    private final CloudState state;
    private final Ec2SecurityGroups securityGroups;

    Ec2Templates(CloudState state, Ec2SecurityGroups securityGroups) {
        this.state = state;
        this.securityGroups = securityGroups;
    }

    void register(Map<String, Ec2Api.Action> actions) {
        actions.put("CreateLaunchTemplate", this::createLaunchTemplate);
        actions.put("DescribeLaunchTemplates", this::describeLaunchTemplates);
        actions.put("DescribeLaunchTemplateVersions", this::describeLaunchTemplateVersions);
        actions.put("DeleteLaunchTemplate", (p, call, xml) -> {
            LaunchTemplate template = template(call.region(), p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
            state.launchTemplates.remove(template.id);
            launchTemplate(template, xml, "launchTemplate");
        });
        actions.put("CreateLaunchTemplateVersion", this::createVersion);
        actions.put("ModifyLaunchTemplate", (p, call, xml) -> {
            LaunchTemplate template = template(call.region(), p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
            if (p.has("SetDefaultVersion")) {
                template.defaultVersion = template.version(p.get("SetDefaultVersion")).number;
            }
            launchTemplate(template, xml, "launchTemplate");
        });
    }

    private void createLaunchTemplate(Params p, Call call, Xml xml) {
        String name = p.required("LaunchTemplateName");
        if (!name.matches("[a-zA-Z0-9().\\-/_]{3,128}")) {
            throw AwsError.badRequest("InvalidLaunchTemplateName.MalformedException", "A launch template name must be between 3"
                    + " and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.");
        }
        if (state.launchTemplates.values().stream().anyMatch(t -> t.name.equals(name) && call.region().holds(t.region))) {
            throw AwsError.badRequest("InvalidLaunchTemplateName.AlreadyExistsException",
                    "Launch template name already in use.");
        }
        Params data = p.sub("LaunchTemplateData.");
        if (data == null) {
            throw AwsError.missing("LaunchTemplateData");
        }
        LaunchTemplate template = new LaunchTemplate();
        template.id = CloudState.newId("lt-");
        template.region = call.region().name();
        template.name = name;
        template.created = Cloud.now();
        template.tags.putAll(Ec2Catalog.specTags(p, "launch-template"));
        TemplateVersion version = version(call.region(), 1, null, p.get("VersionDescription"), data);
        template.versions.add(version);
        state.launchTemplates.put(template.id, template);
        launchTemplate(template, xml, "launchTemplate");
    }

    /** A new version: the source version's data (if any), overridden by what the request gives. */
    private TemplateVersion version(CloudRegion region, int number, TemplateVersion source, String description, Params data) {
        TemplateVersion version = new TemplateVersion();
        version.number = number;
        version.created = Cloud.now();
        version.description = description;
        version.imageId = data.get("ImageId", source == null ? null : source.imageId);
        version.instanceType = data.get("InstanceType", source == null ? null : source.instanceType);
        version.keyName = data.get("KeyName", source == null ? null : source.keyName);
        version.userData = data.get("UserData", source == null ? null : source.userData);
        version.httpTokens = data.get("MetadataOptions.HttpTokens", source == null ? null : source.httpTokens);
        List<String> ids = data.list("SecurityGroupId");
        List<String> names = data.list("SecurityGroup");
        boolean inherit = source != null && ids.isEmpty() && names.isEmpty();
        version.securityGroupIds.addAll(inherit ? source.securityGroupIds : ids);
        version.securityGroupNames.addAll(inherit ? source.securityGroupNames : names);
        version.securityGroupIds.forEach(id -> securityGroups.group(region, id));
        securityGroups.idsByName(region, version.securityGroupNames);
        if (version.instanceType != null) {
            InstanceTypes.find(version.instanceType).orElseThrow(() -> AwsError.badRequest("InvalidParameterValue",
                    "Invalid value '" + version.instanceType + "' for InstanceType."));
        }
        List<Params> specs = data.structs("TagSpecification");
        if (specs.isEmpty() && source != null) {
            version.instanceTags.putAll(source.instanceTags);
        }
        for (Params spec : specs) {
            if ("instance".equals(spec.get("ResourceType"))) {
                version.instanceTags.putAll(Ec2Api.tags(spec.structs("Tag")));
            }
        }
        return version;
    }

    private void createVersion(Params p, Call call, Xml xml) {
        LaunchTemplate template = template(call.region(), p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
        TemplateVersion source = p.has("SourceVersion") ? template.version(p.get("SourceVersion")) : null;
        Params data = p.sub("LaunchTemplateData.");
        TemplateVersion version = version(call.region(), template.versions.size() + 1, source,
                p.get("VersionDescription"), data == null ? Params.parse("") : data);
        template.versions.add(version);
        xml.open("launchTemplateVersion");
        versionXml(template, version, xml);
        xml.end();
    }

    /** A launch template of the region by id or else by name, or EC2's error for a missing one. */
    LaunchTemplate template(CloudRegion region, String id, String name) {
        if (id != null) {
            LaunchTemplate template = state.launchTemplates.get(id);
            if (template == null || !region.holds(template.region)) {
                throw AwsError.notFound("InvalidLaunchTemplateId.NotFound", "The specified launch template, with template ID " + id + ", does not exist.");
            }
            return template;
        }
        if (name == null) {
            throw AwsError.missing("LaunchTemplateId or LaunchTemplateName");
        }
        return state.launchTemplates.values().stream().filter(t -> t.name.equals(name) && region.holds(t.region)).findFirst()
                .orElseThrow(() -> AwsError.notFound("InvalidLaunchTemplateName.NotFoundException",
                        "The specified launch template, with template name " + name + ", does not exist."));
    }

    private void launchTemplate(LaunchTemplate template, Xml xml, String element) {
        xml.open(element).leaf("launchTemplateId", template.id).leaf("launchTemplateName", template.name)
                .leaf("createTime", template.created).leaf("createdBy", Caller.ARN)
                .leaf("defaultVersionNumber", template.defaultVersion).leaf("latestVersionNumber", template.versions.size());
        Ec2Api.tagSet(xml, template.tags);
        xml.end();
    }

    private void describeLaunchTemplates(Params p, Call call, Xml xml) {
        List<LaunchTemplate> wanted = new ArrayList<>();
        p.list("LaunchTemplateId").forEach(id -> wanted.add(template(call.region(), id, null)));
        p.list("LaunchTemplateName").forEach(name -> wanted.add(template(call.region(), null, name)));
        Collection<LaunchTemplate> candidates = wanted.isEmpty()
                ? state.launchTemplates.values().stream().filter(t -> call.region().holds(t.region)).toList() : wanted;
        List<LaunchTemplate> shown = candidates.stream().filter(template -> Filters.matches(p.structs("Filter"),
                name -> "launch-template-name".equals(name) ? List.of(template.name) : Filters.tagAttribute(name, template.tags)))
                .toList();
        Paging.Page<LaunchTemplate> page = Paging.page(shown, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("launchTemplates");
        page.items().forEach(template -> launchTemplate(template, xml, "item"));
        xml.end().leaf("nextToken", page.next());
    }

    private void describeLaunchTemplateVersions(Params p, Call call, Xml xml) {
        LaunchTemplate template = template(call.region(), p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
        List<String> versions = p.list("LaunchTemplateVersion");
        List<TemplateVersion> chosen = versions.isEmpty() ? template.versions : versions.stream().map(template::version).toList();
        Paging.Page<TemplateVersion> page = Paging.page(chosen, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
        xml.open("launchTemplateVersionSet");
        for (TemplateVersion version : page.items()) {
            xml.open("item");
            versionXml(template, version, xml);
            xml.end();
        }
        xml.end().leaf("nextToken", page.next());
    }

    private static void versionXml(LaunchTemplate template, TemplateVersion version, Xml xml) {
        xml.leaf("launchTemplateId", template.id).leaf("launchTemplateName", template.name)
                .leaf("versionNumber", version.number).leaf("versionDescription", version.description)
                .leaf("createTime", version.created).leaf("defaultVersion", version.number == template.defaultVersion)
                .open("launchTemplateData").leaf("imageId", version.imageId).leaf("instanceType", version.instanceType)
                .leaf("keyName", version.keyName).leaf("userData", version.userData);
        xml.open("securityGroupIdSet");
        version.securityGroupIds.forEach(id -> xml.leaf("item", id));
        xml.end().open("securityGroupSet");
        version.securityGroupNames.forEach(name -> xml.leaf("item", name));
        xml.end();
        if (!version.instanceTags.isEmpty()) {
            xml.open("tagSpecificationSet").open("item").leaf("resourceType", "instance");
            Ec2Api.tagSet(xml, version.instanceTags);
            xml.end().end();
        }
        if (version.httpTokens != null) {
            xml.open("metadataOptions").leaf("httpTokens", version.httpTokens).end();
        }
        xml.end();
    }

}
