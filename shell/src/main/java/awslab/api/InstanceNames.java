package awslab.api;

import java.util.List;
import java.util.function.Supplier;

/**
 * Tab completion of instance ids and {@code Name} tags, for every command that takes an instance:
 * {@code completionCandidates = InstanceNames.class} (see {@link Names}).
 */
public final class InstanceNames extends Names {
    /** No source: no candidates. */
    public InstanceNames() {
        this(List::of);
    }

    public InstanceNames(Supplier<List<String>> source) {
        super(source);
    }
}
