package awslab.api;

/**
 * A named, reusable verification of the live state that proves a lesson step was done — not
 * "the command returned". Lesson steps name checkpoints by {@link #id()}.
 *
 * <pre>
 * CheckResult result = checkpoint.verify(context);
 * if (result.outcome() == CheckResult.Outcome.PASSED) { … }
 * </pre>
 */
public interface Checkpoint {

    /** The id lesson files use, e.g. {@code instance-stopped}. */
    String id();

    /** Looks at the live state (read-only, bounded in time) and says what it found. */
    CheckResult verify(CheckContext context);
}
