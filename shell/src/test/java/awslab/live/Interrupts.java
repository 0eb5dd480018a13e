package awslab.live;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) as a request, not an exit: the JVM's default would exit at once, leaving on
 * the account what the run made, while the run still has to clean up. So the signal only asks
 * the run to stop; the run then cleans up and exits by itself. (The sandbox service runs in a
 * session of its own: a Ctrl-C typed in the terminal does not reach it.)
 *
 * <pre>
 * Interrupts.onCtrlC(() -&gt; limits.stop("interrupted"));
 * </pre>
 */
final class Interrupts {
    private Interrupts() {}

    static void onCtrlC(Runnable stop) {
        Signal.handle(new Signal("INT"), signal -> stop.run());
    }
}
