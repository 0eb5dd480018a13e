package awslab.fleet;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fleet as AWS shows it at one moment: the group's capacity and subnets' zones, its load
 * balancer and listener, and each instance with its zone, lifecycle state, group health and
 * target health. A value: renderers and checkpoints read it, nothing in it calls AWS.
 *
 * <pre>
 * FleetStatus status = new FleetInspector(clients).inspect("ASG-webservice").orElseThrow();
 * status.healthyInService(); // instances serving traffic
 * </pre>
 */
public record FleetStatus(
        String groupName,
        int min,
        int desired,
        int max,
        List<String> zones,
        Optional<Balancer> loadBalancer,
        Optional<String> targetGroupArn,
        boolean listener,
        List<Member> members) {

    /** Target health when the instance is not (yet) registered in the target group. */
    public static final String UNREGISTERED = "unregistered";
    public static final String HEALTHY = "healthy";
    public static final String IN_SERVICE = "InService";
    public static final String RUNNING = "running";

    public FleetStatus {
        zones = List.copyOf(zones);
        members = List.copyOf(members);
    }

    /** The load balancer: its name, DNS name and state ({@code provisioning}, {@code active}…). */
    public record Balancer(String name, String arn, String dnsName, String state) {
        public boolean active() {
            return "active".equals(state);
        }
    }

    /**
     * One instance of the group.
     *
     * @param lifecycle the group's view: {@code Pending}, {@code InService}, {@code Terminating}…
     * @param health the group's health status: {@code Healthy} or {@code Unhealthy}
     * @param targetHealth the load balancer's view: {@code initial}, {@code healthy}, {@code unhealthy},
     *     {@code draining}… or {@link #UNREGISTERED}
     * @param instanceState EC2's view: {@code running}, {@code shutting-down}… — right after a student
     *     terminates an instance, EC2 knows before the group and the load balancer do
     */
    public record Member(String instanceId, String zone, String lifecycle, String health, String targetHealth,
            String instanceState) {
        public boolean serving() {
            return IN_SERVICE.equals(lifecycle) && HEALTHY.equals(targetHealth) && RUNNING.equals(instanceState);
        }
    }

    /** Instances in service whose target is healthy: those that answer through the load balancer. */
    public long healthyInService() {
        return members.stream().filter(Member::serving).count();
    }

    public long inService() {
        return members.stream().filter(m -> IN_SERVICE.equals(m.lifecycle())).count();
    }

    /** Whether the group serves its desired number of instances through the load balancer. */
    public boolean atDesiredAndHealthy() {
        return healthyInService() >= desired;
    }

    /** At rest: exactly the desired number of instances, all serving, none arriving or leaving. */
    public boolean settled() {
        return members.size() == desired && healthyInService() == desired;
    }

    public Optional<String> dnsName() {
        return loadBalancer.map(Balancer::dnsName);
    }

    /** The instance ids, in the order shown. */
    public List<String> instanceIds() {
        return members.stream().map(Member::instanceId).toList();
    }

    /** The zones where instances run, sorted. */
    public List<String> memberZones() {
        return List.copyOf(new TreeSet<>(members.stream().map(Member::zone).toList()));
    }
}
