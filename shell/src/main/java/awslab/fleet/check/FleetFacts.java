package awslab.fleet.check;

import awslab.lab.LabNames;
import awslab.api.CheckContext;

/**
 * The facts the fleet checkpoints read and record, namespaced {@code fleet.*}.
 *
 * <pre>
 * facts.put(FleetFacts.TERMINATED_INSTANCE, "i-0abc"); // what terminate may record
 * </pre>
 */
public final class FleetFacts {
    /** The group's name, recorded by {@code fleet-ready}. */
    public static final String GROUP = "fleet.group";
    /** The load balancer's DNS name, recorded by {@code fleet-ready}. */
    public static final String LB_DNS = "fleet.lbDns";
    /** The instance the student terminated (recorded by {@code terminate} when it belongs to the group). */
    public static final String TERMINATED_INSTANCE = "fleet.terminatedInstance";

    private FleetFacts() {}

    /** The group the lesson is about: the recorded one, or the lab's default. */
    static String group(CheckContext context) {
        String group = context.facts().get(GROUP);
        return group == null || group.isBlank() ? LabNames.AUTO_SCALING_GROUP : group;
    }
}
