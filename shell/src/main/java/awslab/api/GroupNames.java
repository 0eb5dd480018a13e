package awslab.api;

import java.util.List;
import java.util.function.Supplier;

/** Tab completion of Auto Scaling group names, for {@code --group-name} (see {@link Names}). */
public final class GroupNames extends Names {
    /** No source: no candidates. */
    public GroupNames() {
        this(List::of);
    }

    public GroupNames(Supplier<List<String>> source) {
        super(source);
    }
}
