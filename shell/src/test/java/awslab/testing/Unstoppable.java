package awslab.testing;

/**
 * Library code that never ends and ignores every way of being stopped (interrupts, the JVM's own
 * stop, a snippet's stop checks, which only snippet code has): what a snippet may call into.
 */
public final class Unstoppable {
    private Unstoppable() {}

    /** Prints {@code started}, then never returns. */
    @SuppressWarnings("InfiniteLoopStatement")
    public static void run() {
        System.out.println("started");
        while (true) {
            try {
                Thread.sleep(10);
            } catch (Throwable ignored) {
                // Swallows interrupts and ThreadDeath alike.
            }
        }
    }
}
