package awslab.api;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tab completion of the names a command takes, from the current target: picocli builds the
 * subclass named in {@code completionCandidates} through the shell's factory, which gives it its
 * source ({@link ShellRegistry#factory}); built any other way (a test parsing a command alone) it
 * offers nothing. The source answers at once, from a cache filled in the background.
 *
 * <pre>
 * &#64;Parameters(completionCandidates = InstanceNames.class) String instance;
 * registry.factory(InstanceNames.class, () -&gt; new InstanceNames(cachedInstanceNames));
 * </pre>
 */
public abstract class Names implements Iterable<String> {
    private final Supplier<List<String>> source;

    protected Names(Supplier<List<String>> source) {
        this.source = source;
    }

    @Override
    public Iterator<String> iterator() {
        return source.get().iterator();
    }
}
