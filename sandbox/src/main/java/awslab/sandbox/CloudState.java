package awslab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the sandbox cloud knows, as plain data: what the API describes and what
 * {@code state.json} keeps between runs. Processes, ports and servers are not here (see
 * {@link InstanceHost}); callers hold the {@link Cloud} lock while they read or change it.
 */
final class CloudState {
    static final String ACCOUNT = "000000000000";
    /** us-east-1's values, where the sandbox's clients point by default; {@link CloudRegion} has each region's. */
    static final String REGION = CloudRegion.US_EAST_1.name();
    static final String VPC_ID = CloudRegion.US_EAST_1.vpcId();
    static final String DEFAULT_SECURITY_GROUP = CloudRegion.US_EAST_1.defaultSecurityGroupId();
    static final String IMAGE_ID = CloudRegion.US_EAST_1.imageId();
    static final String IMAGE_NAME = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250821";
    static final String IMAGE_OWNER = "099720109477";

    final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
    final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    final Map<String, Listener> listeners = new LinkedHashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final List<Activity> activities = new ArrayList<>();

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A fresh id in AWS's shape: the prefix, then 17 hexadecimal digits ({@code i-0a1b...}). */
    static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('0');
        for (int i = 0; i < 16; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return id.toString();
    }

    /** A key pair by name in a region (key pairs are regional: names repeat across regions), or null. */
    KeyPair keyPair(CloudRegion region, String name) {
        return keyPairs.values().stream().filter(k -> k.name.equals(name) && region.holds(k.region)).findFirst().orElse(null);
    }

    /** The default VPC's subnets, one per zone, as in a fresh account. */
    record Zone(String name, String zoneId, String subnetId, String cidr, int privateOctet) {}

    /** us-east-1's zones. */
    static final List<Zone> ZONES = CloudRegion.US_EAST_1.zones();

    static final class KeyPair {
        String region; // null: saved before regions existed, us-east-1
        String name;
        String id;
        String fingerprint;
        String publicKey; // OpenSSH format, one line
        String created;
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class SecurityGroup {
        String region; // null: saved before regions existed, us-east-1
        String id;
        String name;
        String description;
        String vpcId = VPC_ID;
        List<Rule> ingress = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Rule {
        String protocol;
        Integer fromPort;
        Integer toPort;
        List<String> cidrs = new ArrayList<>();
        List<String> groupIds = new ArrayList<>();
    }

    static final class Instance {
        String region; // null: saved before regions existed, us-east-1
        String id;
        String reservationId;
        String imageId;
        String instanceType;
        String keyName;
        String zone;
        String subnetId;
        String privateIp;
        String publicIp;
        /** Where this instance's web service and SSH server listen on loopback: kept with its public IP, so a restart of the sandbox keeps its local addresses too. */
        Integer webPort;
        Integer sshPort;
        String state;
        String stateReason;
        String launchTime;
        String userData;
        String httpTokens = "optional";
        String launchTemplateId;
        String launchTemplateVersion;
        String groupName; // the Auto Scaling group it belongs to, if any
        boolean disableApiTermination;
        List<String> securityGroupIds = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class LaunchTemplate {
        String region; // null: saved before regions existed, us-east-1
        String id;
        String name;
        String created;
        int defaultVersion = 1;
        List<TemplateVersion> versions = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();

        TemplateVersion version(String wanted) {
            int number = wanted == null || "$Default".equals(wanted) ? defaultVersion
                    : "$Latest".equals(wanted) ? versions.size() : Integer.parseInt(wanted);
            if (number < 1 || number > versions.size()) {
                throw AwsError.badRequest("InvalidLaunchTemplateId.VersionNotFound",
                        "Could not find launch template version " + wanted + " of " + id);
            }
            return versions.get(number - 1);
        }
    }

    static final class TemplateVersion {
        int number;
        String created;
        String description;
        String imageId;
        String instanceType;
        String keyName;
        String userData;
        String httpTokens;
        List<String> securityGroupIds = new ArrayList<>();
        List<String> securityGroupNames = new ArrayList<>();
        Map<String, String> instanceTags = new LinkedHashMap<>();
    }

    static final class LoadBalancer {
        String region; // null: saved before regions existed, us-east-1
        String arn;
        String name;
        String dnsName;
        String scheme;
        String type = "application";
        String state = "provisioning";
        String created;
        List<String> subnetIds = new ArrayList<>();
        List<String> securityGroupIds = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>(); // only those changed from their defaults
    }

    static final class TargetGroup {
        String region; // null: saved before regions existed, us-east-1
        String arn;
        String name;
        String protocol;
        int port;
        String vpcId;
        String healthPath = "/";
        int healthInterval = 30;
        int healthyThreshold = 5;
        int unhealthyThreshold = 2;
        String matcher = "200";
        String targetType = "instance";
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>(); // only those changed from their defaults
    }

    /** A registered target and its health, which the health checker keeps up to date. */
    static final class Target {
        String instanceId;
        int port;
        String state = "initial";
        String reason = "Elb.RegistrationInProgress";
        /** Health-check counters: not saved (they change at every check, and start over when the sandbox does). */
        transient int successes;
        transient int failures;
        /** When it is next due a health check (epoch milliseconds): not saved either. */
        transient long nextCheck;
        long drainUntil;
    }

    static final class Listener {
        String region; // null: saved before regions existed, us-east-1
        String arn;
        String loadBalancerArn;
        String protocol;
        int port;
        String targetGroupArn;
    }

    static final class Group {
        String region; // null: saved before regions existed, us-east-1
        String name;
        String arn;
        String launchTemplateId;
        String launchTemplateName;
        String launchTemplateVersion;
        int min;
        int max;
        int desired;
        List<String> subnetIds = new ArrayList<>();
        List<String> targetGroupArns = new ArrayList<>();
        String healthCheckType = "EC2";
        int healthCheckGrace = 300;
        int defaultCooldown = 300;
        String created;
        String status; // "Delete in progress" while being deleted
        String pendingCause; // why the desired capacity last changed, the start of the next activities' cause
        boolean forceDelete;
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, Boolean> propagate = new LinkedHashMap<>();
        List<Policy> policies = new ArrayList<>();
    }

    /** An instance as its group sees it. */
    static final class Member {
        String instanceId;
        String zone;
        String lifecycle = "Pending";
        String health = "Healthy";
        long launchedAtMillis;
    }

    static final class Policy {
        String name;
        String arn;
        String type = "TargetTrackingScaling";
        String metric = "ASGAverageCPUUtilization";
        double target;
        boolean disableScaleIn;
        Integer warmup;
        String alarmHigh;
        String alarmLow;
    }

    static final class Activity {
        String region; // null: saved before regions existed, us-east-1
        String id;
        String groupName;
        String description;
        String cause;
        String start;
        String end;
        String status = "Successful";
        String details;
        String instanceId;
    }
}
