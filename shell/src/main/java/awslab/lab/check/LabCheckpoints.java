package awslab.lab.check;

import awslab.api.Checkpoint;
import java.util.List;

/**
 * The checkpoints of part 1 (one instance) and of the final cleanup, for the lesson engine's
 * registry.
 *
 * <pre>
 * LabCheckpoints.all().forEach(registry::add);
 * </pre>
 */
public final class LabCheckpoints {
    private LabCheckpoints() {}

    public static List<Checkpoint> all() {
        return List.of(
                new InstanceRunningCheck(),
                new WebServiceAnswersCheck(),
                new InstanceStoppedCheck(),
                new InstanceRestartedCheck(),
                new InstanceRebootedCheck(),
                new InstanceTerminatedCheck(),
                new NothingLeftCheck());
    }
}
