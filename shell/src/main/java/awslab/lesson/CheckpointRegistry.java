package awslab.lesson;

import awslab.lesson.checks.ConnectedCheckpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every checkpoint lesson steps may name, by id. {@link #standard()} lists the shell's own;
 * the course check proves every step names one of them.
 *
 * <pre>
 * CheckpointRegistry registry = CheckpointRegistry.standard();
 * CheckResult result = registry.get("instance-running").orElseThrow().verify(context);
 * </pre>
 */
public final class CheckpointRegistry {
    private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();

    public CheckpointRegistry(Collection<? extends Checkpoint> checkpoints) {
        for (Checkpoint checkpoint : checkpoints) {
            if (this.checkpoints.putIfAbsent(checkpoint.id(), checkpoint) != null) {
                throw new IllegalArgumentException("two checkpoints are named " + checkpoint.id());
            }
        }
    }

    /** The checkpoints of the shell, one line each. */
    public static CheckpointRegistry standard() {
        return new CheckpointRegistry(List.of(
                new ConnectedCheckpoint()
                // part 1 (lab): instance-running, web-service-answers, instance-stopped, instance-restarted,
                //   instance-rebooted, instance-terminated, nothing-left; ssh: ssh-works;
                // part 2 (fleet): fleet-ready, load-balancer-alternates, fleet-replaced, fleet-scaled-out, fleet-deleted
                ));
    }

    public Optional<Checkpoint> get(String id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    public boolean has(String id) {
        return checkpoints.containsKey(id);
    }

    public Collection<String> ids() {
        return List.copyOf(checkpoints.keySet());
    }
}
