package awslab.fleet;

import awslab.api.UserException;
import awslab.lab.LabNames;
import awslab.learnerlab.LearnerLab;
import awslab.api.AwsClients;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * What keeps a fleet inside a Learner Lab account: the group's maximum plus every other running
 * instance must stay within {@link LearnerLab#MAX_RUNNING_INSTANCES} (beyond it the lab
 * terminates instances, and far beyond it wipes the account), and the student sees what the
 * fleet costs per hour before anything is created.
 *
 * <pre>
 * FleetGuardrails guard = new FleetGuardrails(clients);
 * guard.checkCapacity(settings);                 // UserException when the cap would be crossed
 * FleetGuardrails.Cost cost = FleetGuardrails.estimate(settings, spec);
 * </pre>
 */
public final class FleetGuardrails {
    /** us-east-1 on-demand Linux prices in USD per hour (2025), for the sizes Learner Lab allows. */
    static final Map<String, Double> INSTANCE_HOURLY_USD = Map.ofEntries(
            Map.entry("t2.nano", 0.0058), Map.entry("t2.micro", 0.0116), Map.entry("t2.small", 0.023),
            Map.entry("t2.medium", 0.0464), Map.entry("t2.large", 0.0928),
            Map.entry("t3.nano", 0.0052), Map.entry("t3.micro", 0.0104), Map.entry("t3.small", 0.0208),
            Map.entry("t3.medium", 0.0416), Map.entry("t3.large", 0.0832));
    /** An Application Load Balancer's hour plus one LCU, more than a lab's traffic uses. */
    static final double LOAD_BALANCER_HOURLY_USD = 0.0225 + 0.008;
    /** The 8 GB gp3 root volume of each instance ($0.08 per GB-month over 730 hours). */
    static final double VOLUME_HOURLY_USD = 8 * 0.08 / 730;
    /** Detailed monitoring: EC2's 7 one-minute metrics at $0.30 per metric-month, per instance. */
    static final double DETAILED_MONITORING_HOURLY_USD = 7 * 0.30 / 730;

    private final AwsClients clients;

    public FleetGuardrails(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * Refuses a fleet whose maximum, added to the running instances outside the group, would
     * exceed the Learner Lab cap. Returns how many instances run outside the group.
     */
    public int checkCapacity(FleetSettings settings) {
        if (settings.max() > LearnerLab.MAX_RUNNING_INSTANCES) {
            throw new UserException("err.fleet.cap", settings.max(), 0, LearnerLab.MAX_RUNNING_INSTANCES);
        }
        Set<String> members = new HashSet<>();
        new FleetLookup(clients).group(settings.groupName())
                .ifPresent(g -> g.instances().stream().map(Instance::instanceId).forEach(members::add));
        int others = 0;
        for (Reservation reservation : clients.ec2().describeInstancesPaginator(r -> r.filters(
                        FleetNetwork.filter("instance-state-name", "pending", "running"))).reservations()) {
            others += (int) reservation.instances().stream()
                    .filter(i -> !members.contains(i.instanceId()))
                    .filter(i -> i.tags().stream().noneMatch(t -> "aws:autoscaling:groupName".equals(t.key())
                            && settings.groupName().equals(t.value())))
                    .count();
        }
        if (settings.max() + others > LearnerLab.MAX_RUNNING_INSTANCES) {
            throw new UserException("err.fleet.cap", settings.max(), others, LearnerLab.MAX_RUNNING_INSTANCES);
        }
        return others;
    }

    /** The hourly cost of the fleet at its desired and maximum sizes, and whether it exceeds what the lab needs. */
    public static Cost estimate(FleetSettings settings, LaunchSpec spec) {
        if (!LearnerLab.isAllowedInstanceType(spec.instanceType())) {
            throw new UserException("err.fleet.instanceType", spec.instanceType());
        }
        Double price = INSTANCE_HOURLY_USD.get(spec.instanceType());
        double perInstance = (price == null ? 0 : price) + VOLUME_HOURLY_USD
                + (spec.detailedMonitoring() ? DETAILED_MONITORING_HOURLY_USD : 0);
        boolean moreThanNeeded = !LabNames.DEFAULT_INSTANCE_TYPE.equals(spec.instanceType())
                || settings.max() > LabNames.FLEET_MAX
                || settings.desired() > LabNames.FLEET_DESIRED;
        return new Cost(
                LOAD_BALANCER_HOURLY_USD + settings.desired() * perInstance,
                LOAD_BALANCER_HOURLY_USD + settings.max() * perInstance,
                price != null,
                spec.detailedMonitoring() ? settings.max() * DETAILED_MONITORING_HOURLY_USD : 0,
                moreThanNeeded);
    }

    /**
     * @param hourlyAtDesired USD per hour at the desired size, load balancer included
     * @param hourlyAtMax USD per hour if the group grows to its maximum
     * @param instancePriceKnown false for a type missing from the price table (then only the rest is counted)
     * @param monitoringHourlyAtMax what detailed monitoring adds per hour at the maximum size (0 when off)
     * @param moreThanLabNeeds a bigger type or fleet than the lab's t2.micro, 2/2/4
     */
    public record Cost(double hourlyAtDesired, double hourlyAtMax, boolean instancePriceKnown,
            double monitoringHourlyAtMax, boolean moreThanLabNeeds) {}
}
