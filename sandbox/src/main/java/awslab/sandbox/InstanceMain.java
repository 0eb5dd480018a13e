package awslab.sandbox;

import awslab.logging.Background;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of a sandbox instance's JVM: it runs the web service's own main, and dies with
 * the sandbox. The sandbox holds this process's standard input open; when the sandbox ends —
 * normally, on Ctrl-C, or killed outright — the pipe closes, the read below sees end-of-file and
 * the instance halts, so no instance outlives the shell.
 *
 * <pre>
 * java -cp CLASSPATH awslab.sandbox.InstanceMain awslab.webapp.WebApp --bind 127.0.0.1 --port 8081
 * </pre>
 */
public final class InstanceMain {
    private InstanceMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: InstanceMain MAIN_CLASS [ARGS...]");
        }
        Main.ignoreTerminalSignals(); // the sandbox ends its instances; a Ctrl-C at the shell's prompt does not
        Background.start("sandbox-watchdog", InstanceMain::haltAtEndOfInput);
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void haltAtEndOfInput() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the sandbox never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file: the sandbox is gone
        }
        Runtime.getRuntime().halt(0);
    }
}
