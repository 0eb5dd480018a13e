package awslab.sandbox;

import awslab.logging.Logs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox alone, without the shell: serves until the process is stopped (Ctrl-C, SIGTERM),
 * then ends every instance and saves its resources. Its logs go to {@code DIR/logs/sandbox.log}.
 *
 * <pre>
 * java -jar sandbox/target/awslab-sandbox-0.1.0-SNAPSHOT-all.jar --port 4566 --home ~/.local/state/awslab
 * aws --endpoint-url http://127.0.0.1:4566 ec2 describe-instances
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 0;
        Path home = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--home" -> home = Path.of(args[i + 1]);
                default -> usage();
            }
        }
        if (home == null || args.length % 2 != 0) {
            usage();
            return;
        }
        Logs.start(home, "sandbox", false, System.err);
        Sandbox sandbox = Sandbox.start(SandboxConfig.defaults(home).withPort(port));
        System.out.println("awslab sandbox: " + sandbox.endpoint() + " (account " + Sandbox.ACCOUNT + ", region "
                + Sandbox.REGION.id() + "); the vockey private key is " + sandbox.labKeyFile());
        new CountDownLatch(1).await(); // the sandbox's shutdown hook closes it when the process is stopped
    }

    private static void usage() {
        System.err.println("usage: java -jar awslab-sandbox-all.jar --home DIR [--port N]");
        System.exit(2);
    }
}
