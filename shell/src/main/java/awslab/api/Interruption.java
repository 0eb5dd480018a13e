package awslab.api;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Ctrl-C stopped what was running. The shell shows one line in the user's language and returns
 * to the prompt: the message of this exception when the code that was stopped knows what state
 * things are in ({@code msg.interrupted.wait}: "instance i-… keeps going towards running without
 * you"), else the interrupted command's own line ({@code msg.interrupted.<command>}), else a
 * general one. Loops and waits call {@link #sleep} and {@link #check} so that Ctrl-C ends them
 * at once.
 *
 * <pre>
 * Interruption.sleep(Duration.ofSeconds(5));       // throws when Ctrl-C came
 * catch (Interruption e) { stopTheLoads(); throw new Interruption(e, "msg.interrupted.burn", ids); }
 * </pre>
 */
public final class Interruption extends UserException {
    /** The key of an interruption that says nothing more: the shell picks the command's own line. */
    public static final String GENERIC = "msg.interrupted";
    /** The exit code of what Ctrl-C stopped, as shells give it (128 + SIGINT). */
    public static final int EXIT_CODE = 130;

    public Interruption(String key, Object... args) {
        super(key, args);
    }

    public Interruption(Throwable cause, String key, Object... args) {
        super(cause, key, args);
    }

    /** An interruption that lets the shell say, for the command that ran, what state things are in. */
    public static Interruption generic(Throwable cause) {
        return new Interruption(cause, GENERIC);
    }

    /** Whether this one says nothing of its own (see {@link #GENERIC}). */
    public boolean isGeneric() {
        return GENERIC.equals(key());
    }

    /** Sleeps, or throws a generic interruption when Ctrl-C comes meanwhile. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw generic(e);
        }
    }

    /** Throws a generic interruption when Ctrl-C came since the last check (and clears it). */
    public static void check() {
        if (Thread.interrupted()) {
            throw generic(null);
        }
    }

    /**
     * Whether {@code e} is what Ctrl-C leaves behind: this exception, an interrupted wait or read,
     * a cancelled task, a call the AWS SDK aborted — anywhere in its causes.
     */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Interruption || t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)
                    || t instanceof ClosedByInterruptException || t instanceof CancellationException
                    || t instanceof AbortedException) {
                return true;
            }
            if (t instanceof UserException user && "err.interrupted".equals(user.key())) {
                return true;
            }
        }
        return false;
    }

    /** The first interruption in {@code e}'s causes that says something of its own, if any. */
    public static java.util.Optional<Interruption> specific(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Interruption interruption && !interruption.isGeneric()) {
                return java.util.Optional.of(interruption);
            }
        }
        return java.util.Optional.empty();
    }
}
