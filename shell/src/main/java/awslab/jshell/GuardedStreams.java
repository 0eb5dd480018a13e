package awslab.jshell;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The standard streams as a snippet gets them: closing one ({@code System.out.close()},
 * {@code System.in.close()}) would close the shell's own terminal, so close only flushes.
 *
 * <pre>
 * System.setOut(GuardedStreams.unclosable(out));
 * </pre>
 */
final class GuardedStreams {
    private GuardedStreams() {}

    static PrintStream unclosable(PrintStream out) {
        OutputStream bytes = new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8) {
            @Override
            public void close() {
                flush();
            }
        };
    }

    static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // The shell's terminal reads this stream too.
            }
        };
    }
}
