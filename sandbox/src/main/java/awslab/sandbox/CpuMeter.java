package awslab.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an instance's CPU utilization the way CloudWatch reports it for a one-vCPU t2.micro:
 * the time its whole process tree kept the CPU busy during a period (the web service, SSH
 * sessions and whatever they started, such as a {@code while : ; do : ; done} loop), over the
 * period's wall time, capped at 100 %.
 *
 * <p>"Busy" is running <em>or waiting to run</em> (Linux's {@code /proc/PID/task/TID/schedstat}):
 * like a virtual machine's vCPU on a shared host, a loop that wants the CPU counts as busy even
 * when the laptop's other programs take their turn — so a saturated instance shows about 100 %
 * on a loaded machine too. Elsewhere it falls back to CPU time only.
 *
 * <pre>
 * double percent = meter.sample(host.processes(), System.nanoTime()); // since the previous sample
 * </pre>
 */
final class CpuMeter {
    private static final boolean SCHEDSTAT = Files.isReadable(Path.of("/proc/self/schedstat"));

    private Map<Long, Long> lastBusyNanos = new HashMap<>();
    private long lastSampleNanos = -1;

    /** The utilization since the previous sample, or NaN on the first sample (which only sets the baseline). */
    synchronized double sample(List<ProcessHandle> processes, long nowNanos) {
        Map<Long, Long> current = new HashMap<>();
        long busy = 0;
        for (ProcessHandle process : processes) {
            long total = busyNanos(process);
            current.put(process.pid(), total);
            // a process not seen before was born during this period: all its busy time is new
            busy += Math.max(0, total - lastBusyNanos.getOrDefault(process.pid(), 0L));
        }
        boolean first = lastSampleNanos < 0;
        long wall = nowNanos - lastSampleNanos;
        lastBusyNanos = current;
        lastSampleNanos = nowNanos;
        if (first || wall <= 0) {
            return Double.NaN;
        }
        return Math.min(100.0, 100.0 * busy / wall);
    }

    static long busyNanos(ProcessHandle process) {
        if (SCHEDSTAT) {
            long total = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
                for (Path task : tasks) {
                    String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                    total += Long.parseLong(fields[0]) + Long.parseLong(fields[1]); // on the CPU + waiting for it
                }
                return total;
            } catch (IOException | RuntimeException e) {
                return total; // the process or one of its threads ended while being read
            }
        }
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
