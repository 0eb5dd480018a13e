package awslab.lab.cmd;

import awslab.lab.Instances;
import awslab.lab.LabInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ids and names of the shell's instances that are not terminated, for tab completion
 * ({@link awslab.api.InstanceNames}). Cached a few seconds so a Tab does not cost an API call
 * each time; any failure (no credentials, no network) gives none.
 *
 * <pre>
 * InstanceCandidates candidates = new InstanceCandidates(() -&gt; new Instances(ec2, Progress.SILENT, Waiting.immediate()));
 * registry.factory(InstanceNames.class, () -&gt; new InstanceNames(candidates));
 * </pre>
 */
public final class InstanceCandidates implements Supplier<List<String>> {
    private static final Duration FRESH = Duration.ofSeconds(10);
    private final Supplier<Instances> source;
    private final Clock clock;
    private List<String> cached = List.of();
    private Instant cachedAt = Instant.MIN;

    /** @param source the instances of the active target, asked for on each refresh (the target may change) */
    public InstanceCandidates(Supplier<Instances> source) {
        this(source, Clock.systemUTC());
    }

    InstanceCandidates(Supplier<Instances> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public synchronized List<String> get() {
        if (clock.instant().isBefore(cachedAt.plus(FRESH))) {
            return cached;
        }
        List<String> names = new ArrayList<>();
        try {
            for (LabInstance instance : source.get().list()) {
                names.add(instance.id());
                if (!instance.name().isBlank() && !names.contains(instance.name())) {
                    names.add(instance.name());
                }
            }
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the prompt
        }
        cached = List.copyOf(names);
        cachedAt = clock.instant();
        return cached;
    }
}
