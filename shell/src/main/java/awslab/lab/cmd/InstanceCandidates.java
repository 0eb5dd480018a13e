package awslab.lab.cmd;

import awslab.lab.Instances;
import awslab.lab.LabInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tab completion of instance ids and names for every command that takes an instance: picocli
 * builds this class by name ({@code completionCandidates = InstanceCandidates.class}), so the
 * shell tells it once where instances come from. Results are cached a few seconds so a Tab
 * does not cost an API call each time; any failure (no credentials, no network) gives none.
 *
 * <pre>
 * InstanceCandidates.source(() -&gt; new Instances(ctx.clients().ec2(), Progress.SILENT, Waiting.immediate()));
 * </pre>
 */
public final class InstanceCandidates implements Iterable<String> {
    private static final Duration FRESH = Duration.ofSeconds(10);
    private static volatile Supplier<Instances> source;
    private static volatile List<String> cached = List.of();
    private static volatile Instant cachedAt = Instant.MIN;

    /** Where candidates come from (the shell sets it when the target changes). */
    public static void source(Supplier<Instances> instances) {
        source = instances;
        cachedAt = Instant.MIN;
    }

    /** The ids and names of the shell's instances that are not terminated. */
    public static synchronized List<String> candidates() {
        Supplier<Instances> from = source;
        if (from == null) {
            return List.of();
        }
        if (Instant.now().isBefore(cachedAt.plus(FRESH))) {
            return cached;
        }
        List<String> names = new ArrayList<>();
        try {
            for (LabInstance instance : from.get().list()) {
                names.add(instance.id());
                if (!instance.name().isBlank() && !names.contains(instance.name())) {
                    names.add(instance.name());
                }
            }
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the prompt
        }
        cached = List.copyOf(names);
        cachedAt = Instant.now();
        return cached;
    }

    @Override
    public Iterator<String> iterator() {
        return candidates().iterator();
    }
}
