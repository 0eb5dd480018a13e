package awslab.fleet;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Average CPU of the fleet, as the target-tracking policy sees it (CloudWatch's
 * {@code AWS/EC2 CPUUtilization}). Kept behind this interface because emulators may not serve
 * CloudWatch: a reading then says "unavailable" instead of failing.
 *
 * <pre>
 * CpuReading reading = metrics.read("ASG-webservice", instanceIds, Duration.ofMinutes(5));
 * reading.groupAverage().ifPresent(cpu -> …);
 * </pre>
 */
public interface CpuMetrics {

    /** The latest values within {@code window}: the group's average and each instance's. */
    CpuReading read(String groupName, Collection<String> instanceIds, Duration window);

    /**
     * One reading. {@code available} is false when the target does not serve metrics at all;
     * an empty average with {@code available} true means "no datapoint yet".
     */
    record CpuReading(boolean available, OptionalDouble groupAverage, Map<String, Double> perInstance) {
        public CpuReading {
            perInstance = Map.copyOf(perInstance);
        }

        public static CpuReading unavailable() {
            return new CpuReading(false, OptionalDouble.empty(), Map.of());
        }
    }
}
