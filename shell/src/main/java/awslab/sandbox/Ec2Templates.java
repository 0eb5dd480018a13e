package awslab.sandbox;

import awslab.sandbox.CloudState.LaunchTemplate;
import awslab.sandbox.CloudState.TemplateVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * EC2 launch templates in the EC2 Query protocol: create, describe (templates and versions),
 * delete. Called with the {@link Cloud} lock held.
 *
 * <pre>
 * new Ec2Templates(state, catalog).handle("CreateLaunchTemplate", params, xml);
 * </pre>
 */
final class Ec2Templates {
    private final CloudState state;
    private final Ec2Catalog catalog;

    Ec2Templates(CloudState state, Ec2Catalog catalog) {
        this.state = state;
        this.catalog = catalog;
    }

    void handle(String action, Params p, Xml xml) {
        switch (action) {
            case "CreateLaunchTemplate" -> createLaunchTemplate(p, xml);
            case "DescribeLaunchTemplates" -> describeLaunchTemplates(p, xml);
            case "DescribeLaunchTemplateVersions" -> describeLaunchTemplateVersions(p, xml);
            case "DeleteLaunchTemplate" -> {
                LaunchTemplate template = template(p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
                state.launchTemplates.remove(template.id);
                launchTemplate(template, xml, "launchTemplate");
            }
            default -> throw AwsError.unsupported("ec2", action);
        }
    }

    private void createLaunchTemplate(Params p, Xml xml) {
        String name = p.required("LaunchTemplateName");
        if (state.launchTemplates.values().stream().anyMatch(t -> t.name.equals(name))) {
            throw AwsError.badRequest("InvalidLaunchTemplateName.AlreadyExistsException",
                    "Launch template name already in use.");
        }
        Params data = p.sub("LaunchTemplateData.");
        if (data == null) {
            throw AwsError.missing("LaunchTemplateData");
        }
        LaunchTemplate template = new LaunchTemplate();
        template.id = CloudState.newId("lt-");
        template.name = name;
        template.created = Cloud.now();
        template.tags.putAll(Ec2Catalog.specTags(p, "launch-template"));
        TemplateVersion version = new TemplateVersion();
        version.number = 1;
        version.created = template.created;
        version.description = p.get("VersionDescription");
        version.imageId = data.get("ImageId");
        version.instanceType = data.get("InstanceType");
        version.keyName = data.get("KeyName");
        version.userData = data.get("UserData");
        version.httpTokens = data.get("MetadataOptions.HttpTokens");
        version.securityGroupIds.addAll(data.list("SecurityGroupId"));
        version.securityGroupNames.addAll(data.list("SecurityGroup"));
        version.securityGroupIds.forEach(catalog::group);
        catalog.groupIdsByName(version.securityGroupNames);
        for (Params spec : data.structs("TagSpecification")) {
            if ("instance".equals(spec.get("ResourceType"))) {
                version.instanceTags.putAll(Ec2Api.tags(spec.structs("Tag")));
            }
        }
        template.versions.add(version);
        state.launchTemplates.put(template.id, template);
        launchTemplate(template, xml, "launchTemplate");
    }

    LaunchTemplate template(String id, String name) {
        if (id != null) {
            LaunchTemplate template = state.launchTemplates.get(id);
            if (template == null) {
                throw AwsError.notFound("InvalidLaunchTemplateId.NotFound", "The specified launch template, with template ID " + id + ", does not exist.");
            }
            return template;
        }
        if (name == null) {
            throw AwsError.missing("LaunchTemplateId or LaunchTemplateName");
        }
        return state.launchTemplates.values().stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> AwsError.notFound("InvalidLaunchTemplateName.NotFoundException",
                        "The specified launch template, with template name " + name + ", does not exist."));
    }

    private void launchTemplate(LaunchTemplate template, Xml xml, String element) {
        xml.open(element).leaf("launchTemplateId", template.id).leaf("launchTemplateName", template.name)
                .leaf("createTime", template.created).leaf("createdBy", "arn:aws:sts::" + CloudState.ACCOUNT + ":assumed-role/voclabs/student")
                .leaf("defaultVersionNumber", template.defaultVersion).leaf("latestVersionNumber", template.versions.size());
        Ec2Api.tagSet(xml, template.tags);
        xml.end();
    }

    private void describeLaunchTemplates(Params p, Xml xml) {
        List<LaunchTemplate> wanted = new ArrayList<>();
        p.list("LaunchTemplateId").forEach(id -> wanted.add(template(id, null)));
        p.list("LaunchTemplateName").forEach(name -> wanted.add(template(null, name)));
        Collection<LaunchTemplate> candidates = wanted.isEmpty() ? state.launchTemplates.values() : wanted;
        xml.open("launchTemplates");
        for (LaunchTemplate template : candidates) {
            if (Filters.matches(p.structs("Filter"), name -> "launch-template-name".equals(name) ? List.of(template.name)
                    : Filters.tagAttribute(name, template.tags))) {
                launchTemplate(template, xml, "item");
            }
        }
        xml.end();
    }

    private void describeLaunchTemplateVersions(Params p, Xml xml) {
        LaunchTemplate template = template(p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
        List<String> versions = p.list("LaunchTemplateVersion");
        List<TemplateVersion> chosen = versions.isEmpty() ? template.versions : versions.stream().map(template::version).toList();
        xml.open("launchTemplateVersionSet");
        for (TemplateVersion version : chosen) {
            xml.open("item").leaf("launchTemplateId", template.id).leaf("launchTemplateName", template.name)
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
            xml.end().end();
        }
        xml.end();
    }

}
