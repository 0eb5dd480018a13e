package awslab.lesson;

import awslab.fleet.check.FleetCheckpoints;
import awslab.lab.check.LabCheckpoints;
import awslab.lesson.checks.ConnectedCheckpoint;
import awslab.ssh.SshWorksCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every checkpoint lesson steps may name, by id. {@link #standard(Path)} lists the shell's own;
 * the course check proves every step names one of them.
 *
 * <pre>
 * CheckpointRegistry registry = CheckpointRegistry.standard(stateDir);
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

    /** The checkpoints of the shell; {@code stateDir} holds the SSH keys and known hosts. */
    public static CheckpointRegistry standard(Path stateDir) {
        List<Checkpoint> all = new ArrayList<>();
        all.add(new ConnectedCheckpoint());
        all.addAll(LabCheckpoints.all());
        all.add(new SshWorksCheckpoint(stateDir));
        all.addAll(FleetCheckpoints.all());
        return new CheckpointRegistry(all);
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
