package awslab.sandbox;

import java.time.Duration;

/**
 * How fast the sandbox cloud moves. AWS's minutes are compressed so that a lab fits in a class:
 * {@link #metricPeriod} stands for CloudWatch's one-minute period, and everything AWS counts in
 * minutes (alarm datapoints, instance warm-up, the group's health-check grace) is counted in
 * those periods. The shell can print these so students know what is faster than on AWS.
 *
 * <pre>
 * SandboxTimings t = SandboxTimings.standard();
 * t.scaleOutAfter(); // 3 periods of 5 s: 15 s of high CPU before the group grows (AWS: 3 min)
 * </pre>
 *
 * @param pending           at least this long in {@code pending} (then until the web service answers)
 * @param stopping          time spent in {@code stopping}
 * @param shuttingDown      time spent in {@code shutting-down}
 * @param healthCheckInterval time between two health checks of a target whose group keeps AWS's default
 *                          interval (30 s); a group's other interval in proportion (the lab's 10 s: a third)
 * @param reconcileInterval time between two passes of the Auto Scaling reconciler
 * @param metricPeriod      the compressed "minute": one CPU measurement, one alarm datapoint
 * @param scaleOutPeriods   consecutive periods above the target before scaling out (AWS: 3)
 * @param scaleInPeriods    consecutive periods below 90 % of the target before scaling in (AWS: 15)
 * @param warmupPeriods     periods a new instance is left out of the group's average (AWS default: 5)
 * @param graceSeconds      the group's health-check grace, in real seconds (AWS default: 300)
 * @param loadBalancerProvisioning time a new load balancer spends in {@code provisioning}
 */
public record SandboxTimings(
        Duration pending,
        Duration stopping,
        Duration shuttingDown,
        Duration healthCheckInterval,
        Duration reconcileInterval,
        Duration metricPeriod,
        int scaleOutPeriods,
        int scaleInPeriods,
        int warmupPeriods,
        int graceSeconds,
        Duration loadBalancerProvisioning) {

    /** What a student sees: short but visible states, minutes compressed to 5 s. */
    public static SandboxTimings standard() {
        return new SandboxTimings(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5), 3, 15, 2, 20, Duration.ofSeconds(2));
    }

    /** For tests: near-instant states, one-second "minutes". */
    public static SandboxTimings fast() {
        return new SandboxTimings(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(1), 3, 6, 1, 10, Duration.ofMillis(200));
    }

    /** How long CPU must stay above the target before the group scales out. */
    public Duration scaleOutAfter() {
        return metricPeriod.multipliedBy(scaleOutPeriods);
    }

    /** How long CPU must stay low before the group scales in. */
    public Duration scaleInAfter() {
        return metricPeriod.multipliedBy(scaleInPeriods);
    }
}
