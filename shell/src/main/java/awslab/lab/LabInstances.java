package awslab.lab;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Which instance is "the lab instance" when the user names none: the one a lesson recorded
 * (fact {@code instance.id}), else the newest running or stopped instance the shell launched
 * for part 1.
 *
 * <pre>
 * Optional&lt;LabInstance&gt; lab = LabInstances.current(instances, facts);
 * </pre>
 */
public final class LabInstances {
    public static final String FACT_ID = "instance.id";
    public static final String FACT_PUBLIC_IP = "instance.publicIp";

    private LabInstances() {}

    public static Optional<LabInstance> current(Instances instances, Map<String, String> facts) {
        String recorded = facts.get(FACT_ID);
        if (recorded != null && !recorded.isBlank()) {
            return instances.byId(recorded);
        }
        return newest(instances);
    }

    /** The newest running or stopped part 1 instance of the shell. */
    public static Optional<LabInstance> newest(Instances instances) {
        return instances.list().stream()
                .filter(i -> LabNames.PART1_LESSON.equals(i.lesson()))
                .filter(i -> i.isRunning() || i.isStopped() || "pending".equals(i.state()) || "stopping".equals(i.state()))
                .max(Comparator.comparing(LabInstance::launchTime, Comparator.nullsFirst(Comparator.naturalOrder())));
    }
}
