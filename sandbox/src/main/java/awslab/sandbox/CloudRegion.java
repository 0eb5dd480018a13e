package awslab.sandbox;

import awslab.learnerlab.LearnerLab;
import awslab.sandbox.CloudState.Zone;
import java.util.List;
import java.util.Optional;

/**
 * A region the sandbox serves, as a fresh Learner Lab account has it: its own default VPC, its
 * zones and their default subnets, its default security group and its Ubuntu 24.04 image. The
 * sandbox serves the two regions Learner Lab allows; a request signed for any other region is
 * refused as Learner Lab refuses it (see {@link #served}).
 *
 * <pre>
 * CloudRegion region = CloudRegion.served("us-west-2");   // or the AwsError Learner Lab would answer
 * Zone zone = region.zoneOfSubnet(subnetId);
 * </pre>
 *
 * @param name                   the region's name, {@code us-east-1}
 * @param vpcId                  its default VPC
 * @param defaultSecurityGroupId the default VPC's {@code default} security group
 * @param imageId                Canonical's Ubuntu 24.04 image there (AMI ids differ between regions)
 * @param zones                  its zones, each with its default subnet
 */
record CloudRegion(String name, String vpcId, String defaultSecurityGroupId, String imageId, List<Zone> zones) {
    static final CloudRegion US_EAST_1 = new CloudRegion("us-east-1", "vpc-0a5b0c0d0e0f00001", "sg-0a5b0c0d0e0f00001",
            "ami-0a0e5d9c7acc336f1", List.of(
                    new Zone("us-east-1a", "use1-az1", "subnet-0a5b0c0d0e0f00a01", "172.31.0.0/20", 0),
                    new Zone("us-east-1b", "use1-az2", "subnet-0a5b0c0d0e0f00b02", "172.31.16.0/20", 16),
                    new Zone("us-east-1c", "use1-az4", "subnet-0a5b0c0d0e0f00c03", "172.31.32.0/20", 32)));
    static final CloudRegion US_WEST_2 = new CloudRegion("us-west-2", "vpc-0b6c1d2e3f4a50002", "sg-0b6c1d2e3f4a50002",
            "ami-05f991c49d264708f", List.of(
                    new Zone("us-west-2a", "usw2-az2", "subnet-0b6c1d2e3f4a50a01", "172.31.16.0/20", 16),
                    new Zone("us-west-2b", "usw2-az1", "subnet-0b6c1d2e3f4a50b02", "172.31.32.0/20", 32),
                    new Zone("us-west-2c", "usw2-az3", "subnet-0b6c1d2e3f4a50c03", "172.31.0.0/20", 0),
                    new Zone("us-west-2d", "usw2-az4", "subnet-0b6c1d2e3f4a50d04", "172.31.48.0/20", 48)));
    static final List<CloudRegion> ALL = List.of(US_EAST_1, US_WEST_2);
    static final String VPC_CIDR = "172.31.0.0/16";

    /**
     * The region a request was signed for, or the error Learner Lab answers outside its two
     * regions (an explicit deny: {@code UnauthorizedOperation} in EC2, {@code AccessDenied} or
     * {@code AccessDeniedException} elsewhere, HTTP 403).
     */
    static CloudRegion served(String name, String service, String action) {
        return find(name).orElseThrow(() -> {
            String code = switch (service) {
                case "ec2" -> "UnauthorizedOperation";
                case "ssm" -> "AccessDeniedException"; // a JSON service's spelling
                default -> "AccessDenied";
            };
            return new AwsError(403, code, "You are not authorized to perform this operation. User: " + Caller.ARN
                    + " is not authorized to perform: " + service + ":" + action + " in region " + name
                    + " with an explicit deny in a service control policy (Learner Lab allows only "
                    + String.join(" and ", LearnerLab.REGIONS.stream().sorted().toList()) + ").");
        });
    }

    static Optional<CloudRegion> find(String name) {
        return ALL.stream().filter(r -> r.name.equals(name)).findFirst();
    }

    /** The region a stored resource belongs to: resources saved before regions existed are in us-east-1. */
    static CloudRegion of(String name) {
        return name == null ? US_EAST_1 : find(name).orElse(US_EAST_1);
    }

    Zone zoneOfSubnet(String subnetId) {
        return zones.stream().filter(z -> z.subnetId().equals(subnetId)).findFirst()
                .orElseThrow(() -> AwsError.notFound("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist"));
    }

    Zone zoneNamed(String zoneName) {
        return zones.stream().filter(z -> z.name().equals(zoneName)).findFirst()
                .orElseThrow(() -> AwsError.badRequest("InvalidParameterValue", "Invalid availability zone: [" + zoneName + "]"));
    }

    /** The suffix of private DNS names: {@code ec2.internal} in us-east-1, {@code REGION.compute.internal} elsewhere. */
    String privateDnsSuffix() {
        return this == US_EAST_1 ? "ec2.internal" : name + ".compute.internal";
    }

    /** The suffix of public DNS names: {@code compute-1.amazonaws.com} in us-east-1, {@code REGION.compute.amazonaws.com} elsewhere. */
    String publicDnsSuffix() {
        return this == US_EAST_1 ? "compute-1.amazonaws.com" : name + ".compute.amazonaws.com";
    }

    /** The ARN of a resource of {@code service} here: {@code arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE}. */
    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + name + ":" + CloudState.ACCOUNT + ":" + resource;
    }

    /** Whether a stored resource's region (null: saved before regions existed) is this one. */
    boolean holds(String resourceRegion) {
        return this == of(resourceRegion);
    }
}
