package awslab.lesson;

import awslab.api.Checkpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every checkpoint lesson steps may name, by id. The composition root gives it the checkpoints
 * of every feature; the course check proves every step names one of them.
 *
 * <pre>
 * CheckpointRegistry registry = new CheckpointRegistry(List.of(new ConnectedCheckpoint(), …));
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
