package awslab.sandbox;

import java.util.List;
import java.util.Map;

/**
 * What a running sandbox service says about itself ({@code GET /awslab/status}), as JSON: where
 * it listens, for which state directory, since when, when it was last used and when it will stop
 * for want of use, what it holds, what went wrong, and its pace.
 *
 * <pre>
 * ServiceStatus status = SandboxClient.find(stateDir).orElseThrow().status();
 * status.endpoint();                      // http://127.0.0.1:4599
 * status.census().get("instances.running");
 * </pre>
 *
 * @param pid              the sandbox's process id
 * @param endpoint         its AWS endpoint, {@code http://127.0.0.1:PORT}
 * @param wantedPort       the port it was asked for (0: any); differs from the endpoint's when that one was taken
 * @param stateDir         the state directory it serves
 * @param build            which build of awslab runs it (where its code is, and when that was built)
 * @param started          when it started (ISO-8601)
 * @param lastActivity     when it was last used: an API call, a request to a load balancer (ISO-8601)
 * @param idleStopSeconds  how long without use before it stops by itself (0: never)
 * @param fresh            true when it started a fresh account (nothing was saved before)
 * @param census           instances by state ({@code instances.running}), {@code loadBalancers}, {@code autoScalingGroups}
 * @param damaged          state files found damaged at its start and set aside
 * @param problems         how many things went wrong in its background since it started
 * @param problemsSince    when the first of them did (ISO-8601), or null
 * @param log              its log file
 * @param keyFile          the private key of {@code vockey}
 * @param stateFile        where its resources are saved
 * @param pace             its compressed timings
 */
public record ServiceStatus(long pid, String endpoint, int wantedPort, String stateDir, String build, String started,
        String lastActivity, long idleStopSeconds, boolean fresh, Map<String, Integer> census, List<Damaged> damaged,
        int problems, String problemsSince, String log, String keyFile, String stateFile, Pace pace) {

    /** A state file that could not be read: kept as {@code keptAs}; the sandbox started with an empty account. */
    public record Damaged(String file, String keptAs, String reason) {}

    /**
     * The sandbox's compressed time: one CloudWatch minute lasts {@code metricPeriodSeconds}; a
     * group scales out after {@code scaleOutSeconds} above its target, in after {@code
     * scaleInSeconds} below; at most {@code maxRunning} instances run at once (Learner Lab's cap).
     */
    public record Pace(long metricPeriodSeconds, long scaleOutSeconds, long scaleInSeconds, int maxRunning) {}

    /** How many instances are in this state now. */
    public int instances(String state) {
        return census == null ? 0 : census.getOrDefault("instances." + state, 0);
    }

    /** The port it listens on. */
    public int port() {
        return java.net.URI.create(endpoint).getPort();
    }
}
