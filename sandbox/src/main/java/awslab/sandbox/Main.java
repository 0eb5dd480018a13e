package awslab.sandbox;

import awslab.logging.LogBook;
import awslab.logging.Logs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sandbox service alone, without the shell (the shell starts it this way in the background):
 * serves the state directory {@code --home} until stopped ({@code POST /awslab/stop}, Ctrl-C,
 * SIGTERM) or unused for {@code --idle-stop}, then saves its state and ends every instance. A
 * second start on the same state directory finds the first, says where it is and leaves (exit
 * code {@value #ALREADY_RUNNING}). Its log is {@code DIR/logs/sandbox.log}.
 *
 * <pre>
 * java -jar sandbox/target/awslab-sandbox-0.1.0-SNAPSHOT-all.jar --home ~/.local/state/awslab
 * aws --endpoint-url http://127.0.0.1:4599 --region us-east-1 ec2 describe-instances
 * </pre>
 */
public final class Main {
    /** The exit code of a start that found a sandbox already serving the state directory. */
    public static final int ALREADY_RUNNING = 3;
    static final String USAGE = """
            usage: java -jar awslab-sandbox-all.jar --home DIR [options]
              --home DIR            the state directory to serve (awslab's: ~/.local/state/awslab, or $AWSLAB_HOME)
              --port N              the API's port on 127.0.0.1 (default %d; 0: any free port)
              --any-port-if-busy    if that port is taken by another program, use any free one
              --idle-stop TIME      stop after this long without use, e.g. 90m, 2h, 30s (default 2h; 0: never)
              --pace standard|fast  how fast the sandbox's time runs (default standard; fast: for tests)
              --webapp-main CLASS   what the instances run (default: the lab web service)""".formatted(SandboxService.DEFAULT_PORT);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("awslab sandbox: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (System.console() == null) {
            ignoreTerminalSignals(); // started in the background (by the shell): a Ctrl-C meant for the shell is not for it
        }
        LogBook logs = Logs.start(options.stateDir(), "sandbox", false, System.err);
        SandboxService service;
        try {
            service = SandboxService.start(options.service(), logs);
        } catch (Sandbox.Busy e) {
            String where = SandboxClient.find(options.stateDir()).map(c -> " at " + c.endpoint() + " (process " + c.pid() + ")")
                    .orElse("");
            System.out.println("awslab sandbox: already running for " + options.stateDir() + where);
            System.exit(ALREADY_RUNNING);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("awslab sandbox: cannot start: " + e);
            System.exit(1);
            return;
        }
        Sandbox sandbox = service.sandbox();
        System.out.println("awslab sandbox: " + sandbox.endpoint() + " (account " + Sandbox.ACCOUNT + ", region "
                + Sandbox.REGION.id() + ") for " + options.stateDir() + "; vockey's private key: " + sandbox.labKeyFile()
                + "; log: " + logs.file());
        service.awaitStop();
        System.exit(0); // the shutdown hooks have nothing left to do; non-daemon library threads must not keep the process
    }

    /**
     * Ignores SIGINT and SIGHUP: where the shell could not put this process in a session of its
     * own (no {@code setsid}: macOS), it shares the shell's terminal, whose Ctrl-C and hang-up
     * would otherwise stop it. SIGTERM still stops it, state saved.
     */
    static void ignoreTerminalSignals() {
        for (String name : new String[] {"INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException e) {
                // no such signal here (Windows has no HUP)
            }
        }
    }

    /** The command line, checked. */
    record Options(Path stateDir, int port, boolean anyPortIfBusy, Duration idleStop, SandboxTimings pace, String webappMain) {
        static Options parse(String[] args) {
            Path home = null;
            int port = SandboxService.DEFAULT_PORT;
            boolean anyPort = false;
            Duration idle = SandboxService.DEFAULT_IDLE_STOP;
            SandboxTimings pace = SandboxTimings.standard();
            String webapp = SandboxConfig.WEBAPP_MAIN;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--any-port-if-busy")) {
                    anyPort = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--home" -> home = Path.of(value).toAbsolutePath().normalize();
                    case "--port" -> port = port(value);
                    case "--idle-stop" -> idle = SandboxClient.Launch.idleStop(value);
                    case "--pace" -> pace = switch (value) {
                        case "standard" -> SandboxTimings.standard();
                        case "fast" -> SandboxTimings.fast();
                        default -> throw new IllegalArgumentException("--pace is standard or fast, not " + value);
                    };
                    case "--webapp-main" -> webapp = value;
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            return new Options(home, port, anyPort, idle, pace, webapp);
        }

        SandboxService.Options service() {
            SandboxConfig config = SandboxConfig.defaults(stateDir).withTimings(pace).withWebappMainClass(webappMain).withPort(port);
            return new SandboxService.Options(config, idleStop, anyPortIfBusy);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("--port is a number from 0 to 65535, not " + value);
        }
    }
}
