package awslab.webapp;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * The command line of the lab web service: parses options, starts it, stays up until killed.
 *
 * <pre>
 * java -jar awslab-webapp-VERSION-all.jar --port 8080
 * java -cp 'awslab-webapp-VERSION.jar:lib/*' awslab.webapp.WebApp --bind 127.0.0.1 --port 8081 \
 *      --metadata-endpoint http://127.0.0.1:9999
 * </pre>
 */
public final class WebAppMain {
    static final String USAGE = """
            Usage: java -jar awslab-webapp-all.jar [--port N] [--bind ADDRESS] [--metadata-endpoint URL] [--max-threads N]

            The awslab lab web service: /task, /task/{id}, /instance, /health and /.

              --port N                   TCP port (default 80; 0 picks a free one)
              --bind ADDRESS             address to listen on (default 0.0.0.0, all interfaces)
              --metadata-endpoint URL    instance metadata service (default: $%s,
                                         else %s)
              --max-threads N            Jetty's thread pool size (default %d, at least 8)
              --help                     show this help
            """.formatted(WebAppConfig.METADATA_ENDPOINT_ENV, WebAppConfig.EC2_METADATA_ENDPOINT,
                    WebAppConfig.defaults(Map.of()).maxThreads());

    private WebAppMain() {}

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
        // Jetty's threads keep the JVM alive; a shutdown hook (SIGTERM from systemd) stops it cleanly.
    }

    /** Starts the service unless the arguments say otherwise; returns a process exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        WebAppConfig config;
        try {
            config = parse(args, WebAppConfig.defaults(env));
        } catch (HelpRequested e) {
            out.print(USAGE);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("awslab-webapp: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        RunningWebApp app;
        try {
            app = WebApp.start(config);
        } catch (IllegalStateException e) {
            err.println("awslab-webapp: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "awslab-webapp-stop"));
        out.println("awslab-webapp listening on http://" + config.bindAddress() + ":" + app.port()
                + "/ (instance metadata: " + config.metadataEndpoint() + ")");
        out.flush();
        return 0;
    }

    /** The configuration that {@code args} describe on top of {@code defaults}. */
    static WebAppConfig parse(String[] args, WebAppConfig defaults) {
        WebAppConfig config = defaults;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && isOption(option)) {
                value = args[++i];
            } else if (isOption(option)) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
            config = switch (option) {
                case "--port" -> config.withPort(port(value));
                case "--bind" -> config.withBindAddress(value);
                case "--metadata-endpoint" -> config.withMetadataEndpoint(endpoint(value));
                case "--max-threads" -> config.withMaxThreads(number(option, value, 8, 1000));
                default -> throw new IllegalArgumentException("unknown option: " + option);
            };
        }
        return config;
    }

    private static boolean isOption(String option) {
        return option.equals("--port") || option.equals("--bind") || option.equals("--metadata-endpoint")
                || option.equals("--max-threads");
    }

    private static int port(String value) {
        return number("--port", value, 0, 65535);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number from " + min + " to " + max + ", not '" + value + "'");
        }
    }

    private static URI endpoint(String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--metadata-endpoint needs a URL like http://169.254.169.254, not '"
                    + value + "'");
        }
    }

    /** --help: not an error, but it ends parsing. */
    private static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
