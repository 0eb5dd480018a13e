package awslab.api;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tab completion of instance ids and names, for every command that takes an instance:
 * {@code completionCandidates = InstanceNames.class}. picocli builds it through the shell's
 * factory, which gives it the source registered with {@link ShellRegistry#factory}; built any
 * other way (a test parsing a command alone) it offers nothing.
 *
 * <pre>
 * &#64;Parameters(completionCandidates = InstanceNames.class) String instance;
 * registry.factory(InstanceNames.class, () -&gt; new InstanceNames(candidates));
 * </pre>
 */
public final class InstanceNames implements Iterable<String> {
    private final Supplier<List<String>> source;

    /** No source: no candidates. */
    public InstanceNames() {
        this(List::of);
    }

    public InstanceNames(Supplier<List<String>> source) {
        this.source = source;
    }

    @Override
    public Iterator<String> iterator() {
        return source.get().iterator();
    }
}
