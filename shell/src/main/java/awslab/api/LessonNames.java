package awslab.api;

import java.util.List;
import java.util.function.Supplier;

/** Tab completion of lessons, by number and id, for the lesson commands (see {@link Names}). */
public final class LessonNames extends Names {
    /** No source: no candidates. */
    public LessonNames() {
        this(List::of);
    }

    public LessonNames(Supplier<List<String>> source) {
        super(source);
    }
}
