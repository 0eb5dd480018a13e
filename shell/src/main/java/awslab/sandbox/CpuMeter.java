package awslab.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an instance's CPU utilization the way CloudWatch reports it for a one-vCPU t2.micro:
 * the CPU time its whole process tree used during a period (the web service, SSH sessions and
 * whatever they started, such as a {@code while : ; do : ; done} loop), over the period's wall
 * time, capped at 100 %.
 *
 * <pre>
 * double percent = meter.sample(host.processes(), System.nanoTime()); // since the previous sample
 * </pre>
 */
final class CpuMeter {
    private Map<Long, Long> lastCpuNanos = new HashMap<>();
    private long lastSampleNanos = -1;

    /** The utilization since the previous sample, or NaN on the first sample (which only sets the baseline). */
    synchronized double sample(List<ProcessHandle> processes, long nowNanos) {
        Map<Long, Long> current = new HashMap<>();
        long used = 0;
        for (ProcessHandle process : processes) {
            long total = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            current.put(process.pid(), total);
            // a process not seen before was born during this period: all its CPU time is new
            used += Math.max(0, total - lastCpuNanos.getOrDefault(process.pid(), 0L));
        }
        boolean first = lastSampleNanos < 0;
        long wall = nowNanos - lastSampleNanos;
        lastCpuNanos = current;
        lastSampleNanos = nowNanos;
        if (first || wall <= 0) {
            return Double.NaN;
        }
        return Math.min(100.0, 100.0 * used / wall);
    }
}
