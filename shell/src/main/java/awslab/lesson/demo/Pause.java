package awslab.lesson.demo;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;

/**
 * Where a demo waits between steps: for Enter on the terminal, a few seconds with
 * {@code --auto}, or not at all in tests.
 *
 * <pre>
 * Pause pause = auto.map(Pause::seconds).orElseGet(() -&gt; Pause.enter(terminal.reader()));
 * if (!pause.await()) { stop the demo }
 * </pre>
 */
@FunctionalInterface
public interface Pause {
    /** Waits; returns false when the presenter asked to stop ({@code q} then Enter, or end of input). */
    boolean await();

    /** Never waits (tests, scripts). */
    Pause NONE = () -> true;

    /** Waits {@code duration}; Ctrl-C meanwhile stops the demo (an {@link awslab.api.Interruption}). */
    static Pause seconds(Duration duration) {
        return () -> {
            awslab.api.Interruption.sleep(duration);
            return true;
        };
    }

    /** Waits for a line on {@code input}: empty goes on, {@code q} stops. */
    static Pause enter(Reader input) {
        return () -> {
            StringBuilder line = new StringBuilder();
            try {
                for (int c = input.read(); c != -1; c = input.read()) {
                    if (c == '\n' || c == '\r') {
                        return !line.toString().strip().equalsIgnoreCase("q");
                    }
                    line.append((char) c);
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        };
    }
}
