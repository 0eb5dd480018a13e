package awslab.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a {@link Sandbox}.
 *
 * <pre>
 * SandboxConfig config = SandboxConfig.defaults(stateDir);            // the lab web service, standard pace
 * SandboxConfig fast = config.withTimings(SandboxTimings.fast());
 * </pre>
 *
 * @param stateDir        the shell's state directory; the sandbox keeps everything under {@code stateDir/sandbox}
 * @param timings         the pace of the sandbox cloud
 * @param webappMainClass the main class every instance runs (CLI: {@code --bind H --port N --metadata-endpoint URL})
 * @param keepState       restore the previous run's resources at start and save them at close;
 *                        {@code false} starts from a fresh account and saves nothing
 * @param port            the API's port on 127.0.0.1, or 0 for any free one
 */
public record SandboxConfig(Path stateDir, SandboxTimings timings, String webappMainClass, boolean keepState, int port) {
    /** The lab web service that real instances run, named through its class so the dependency shows. */
    public static final String WEBAPP_MAIN = awslab.webapp.WebApp.class.getName();

    public SandboxConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(webappMainClass, "webappMainClass");
    }

    /** On any free port. */
    public SandboxConfig(Path stateDir, SandboxTimings timings, String webappMainClass, boolean keepState) {
        this(stateDir, timings, webappMainClass, keepState, 0);
    }

    public static SandboxConfig defaults(Path stateDir) {
        return new SandboxConfig(stateDir, SandboxTimings.standard(), WEBAPP_MAIN, true);
    }

    public SandboxConfig withTimings(SandboxTimings newTimings) {
        return new SandboxConfig(stateDir, newTimings, webappMainClass, keepState, port);
    }

    public SandboxConfig withWebappMainClass(String mainClass) {
        return new SandboxConfig(stateDir, timings, mainClass, keepState, port);
    }

    public SandboxConfig withKeepState(boolean keep) {
        return new SandboxConfig(stateDir, timings, webappMainClass, keep, port);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(stateDir, timings, webappMainClass, keepState, newPort);
    }

    /** Where the sandbox keeps its files: state, keys, instance homes. */
    public Path home() {
        return stateDir.resolve("sandbox");
    }
}
