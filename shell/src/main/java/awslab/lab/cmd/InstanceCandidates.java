package awslab.lab.cmd;

import awslab.lab.Instances;
import awslab.lab.LabInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ids and names of the shell's instances that are not terminated, for tab completion
 * ({@link awslab.api.InstanceNames}). One call to EC2 each time: the shell keeps the answer in a
 * cache refreshed in the background, so that Tab never waits for it.
 *
 * <pre>
 * InstanceCandidates candidates = new InstanceCandidates(() -&gt; new Instances(ec2, Progress.SILENT, Waiting.immediate()));
 * RefreshingCache&lt;List&lt;String&gt;&gt; cache = new RefreshingCache&lt;&gt;(candidates, List.of(), Duration.ofSeconds(30));
 * </pre>
 */
public final class InstanceCandidates implements Supplier<List<String>> {
    private final Supplier<Instances> source;

    /** @param source the instances of the active target, asked for on each load (the target may change) */
    public InstanceCandidates(Supplier<Instances> source) {
        this.source = source;
    }

    @Override
    public List<String> get() {
        List<String> names = new ArrayList<>();
        for (LabInstance instance : source.get().list()) {
            names.add(instance.id());
            if (!instance.name().isBlank() && !names.contains(instance.name())) {
                names.add(instance.name());
            }
        }
        return List.copyOf(names);
    }
}
