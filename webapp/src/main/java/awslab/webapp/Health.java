package awslab.webapp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the service can still serve, as {@code /health} tells the load balancer. Not after it
 * ran out of memory (its state is then unknown, and a restart loses the tasks anyway: replace
 * it), nor while requests keep failing with no request answered in between. The load balancer
 * then stops sending it traffic, and an Auto Scaling group that checks ELB health replaces it.
 *
 * <pre>{@code
 * health.failed(error);          // from the last-resort handlers
 * String why = health.problem(); // null while healthy
 * }</pre>
 */
final class Health {
    /** Unexpected failures in a row (no request answered in between) that make the service unhealthy. */
    static final int FAILURES_IN_A_ROW = 3;

    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile boolean outOfMemory; // a flag: nothing to allocate right after an OutOfMemoryError

    /** A request was answered (a refusal too): the service works. */
    void answered() {
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
    }

    /** A request failed in a way no client can cause: a bug, or memory exhausted. */
    void failed(Throwable failure) {
        outOfMemory |= failure instanceof OutOfMemoryError;
        failuresInARow.incrementAndGet();
    }

    /** Why the service cannot serve, or null when it can. */
    String problem() {
        if (outOfMemory) {
            return "the service ran out of memory; replace it";
        }
        int failures = failuresInARow.get();
        return failures < FAILURES_IN_A_ROW ? null : "the service failed its last " + failures + " requests";
    }
}
