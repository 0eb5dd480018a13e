package awslab.fleet.check;

import awslab.api.Checkpoint;
import java.util.List;

/**
 * Every checkpoint of the fleet part, for the lesson engine's registry.
 *
 * <pre>
 * FleetCheckpoints.all().forEach(registry::add);
 * </pre>
 */
public final class FleetCheckpoints {
    private FleetCheckpoints() {}

    public static List<Checkpoint> all() {
        return List.of(new FleetReadyCheckpoint(), new LoadBalancerAlternatesCheckpoint(),
                new FleetReplacedCheckpoint(), new FleetScaledOutCheckpoint(), new FleetDeletedCheckpoint());
    }
}
