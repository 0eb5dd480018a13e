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
 */
public record SandboxConfig(Path stateDir, SandboxTimings timings, String webappMainClass, boolean keepState) {
    /** The lab web service that real instances run. */
    public static final String WEBAPP_MAIN = "awslab.webapp.WebApp";

    public SandboxConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(webappMainClass, "webappMainClass");
    }

    public static SandboxConfig defaults(Path stateDir) {
        return new SandboxConfig(stateDir, SandboxTimings.standard(), WEBAPP_MAIN, true);
    }

    public SandboxConfig withTimings(SandboxTimings newTimings) {
        return new SandboxConfig(stateDir, newTimings, webappMainClass, keepState);
    }

    public SandboxConfig withWebappMainClass(String mainClass) {
        return new SandboxConfig(stateDir, timings, mainClass, keepState);
    }

    public SandboxConfig withKeepState(boolean keep) {
        return new SandboxConfig(stateDir, timings, webappMainClass, keep);
    }

    /** Where the sandbox keeps its files: state, keys, instance homes. */
    public Path home() {
        return stateDir.resolve("sandbox");
    }
}
