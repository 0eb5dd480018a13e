package awslab.fleet;

import awslab.api.UserException;
import awslab.lab.LabNames;

/**
 * The names and sizes of a fleet: the lab's by default ({@link LabNames}), each overridable.
 *
 * <pre>
 * FleetSettings settings = FleetSettings.defaults().withGroupName("ASG-test").withSizes(1, 2, 3);
 * </pre>
 */
public record FleetSettings(
        String templateName,
        String groupName,
        String loadBalancerName,
        String loadBalancerSecurityGroupName,
        String targetGroupName,
        int min,
        int desired,
        int max,
        double cpuTarget) {

    /** Seconds the group ignores failed health checks of a new instance (see help text: boot + install). */
    public static final int HEALTH_CHECK_GRACE_SECONDS = 180;
    /** Seconds a new instance's metrics are left out of the group's average while it warms up. */
    public static final int INSTANCE_WARMUP_SECONDS = 120;

    public FleetSettings {
        if (min < 0 || desired < min || max < desired || max < 1) {
            throw new UserException("err.fleet.sizes", min, desired, max);
        }
        if (cpuTarget < 1 || cpuTarget > 100) {
            throw new UserException("err.fleet.cpuTarget", cpuTarget);
        }
    }

    /** The lab's names and sizes: {@code modele-webservice}, {@code ASG-webservice}, 2/2/4, 50 %. */
    public static FleetSettings defaults() {
        return new FleetSettings(
                LabNames.LAUNCH_TEMPLATE,
                LabNames.AUTO_SCALING_GROUP,
                LabNames.LOAD_BALANCER,
                LabNames.LOAD_BALANCER_SECURITY_GROUP,
                LabNames.TARGET_GROUP,
                LabNames.FLEET_MIN,
                LabNames.FLEET_DESIRED,
                LabNames.FLEET_MAX,
                LabNames.FLEET_TARGET_CPU_PERCENT);
    }

    public FleetSettings withTemplateName(String name) {
        return new FleetSettings(name, groupName, loadBalancerName, loadBalancerSecurityGroupName, targetGroupName,
                min, desired, max, cpuTarget);
    }

    public FleetSettings withGroupName(String name) {
        return new FleetSettings(templateName, name, loadBalancerName, loadBalancerSecurityGroupName, targetGroupName,
                min, desired, max, cpuTarget);
    }

    public FleetSettings withSizes(int newMin, int newDesired, int newMax) {
        return new FleetSettings(templateName, groupName, loadBalancerName, loadBalancerSecurityGroupName,
                targetGroupName, newMin, newDesired, newMax, cpuTarget);
    }

    public FleetSettings withCpuTarget(double percent) {
        return new FleetSettings(templateName, groupName, loadBalancerName, loadBalancerSecurityGroupName,
                targetGroupName, min, desired, max, percent);
    }
}
