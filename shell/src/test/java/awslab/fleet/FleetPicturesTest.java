package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal pictures: the fleet diagram and the CPU charts, as golden strings. */
class FleetPicturesTest {

    private static FleetStatus status(List<String> zones, FleetStatus.Member... members) {
        return new FleetStatus("ASG-webservice", 2, 2, 4, zones,
                Optional.of(new FleetStatus.Balancer("awslab-alb", "arn:lb", "awslab-alb-1.us-east-1.elb.amazonaws.com",
                        "active")),
                Optional.of("arn:tg"), true, Arrays.asList(members));
    }

    @Test
    void drawsTheLoadBalancerThenItsTargetsByZone() {
        FleetStatus status = status(List.of("us-east-1a", "us-east-1b"),
                new FleetStatus.Member("i-0aaa", "us-east-1a", "InService", "Healthy", "healthy", "running"),
                new FleetStatus.Member("i-0bbbbb", "us-east-1a", "Pending", "Healthy", "initial", "running"),
                new FleetStatus.Member("i-0ccc", "us-east-1b", "InService", "Healthy", "healthy", "running"));
        assertEquals("""
                ⚖ awslab-alb  active
                │ http://awslab-alb-1.us-east-1.elb.amazonaws.com/ → :80
                ├─ us-east-1a
                │  ├─ i-0aaa    InService  healthy
                │  └─ i-0bbbbb  Pending    initial
                └─ us-east-1b
                   └─ i-0ccc    InService  healthy
                """, FleetDiagram.render(status));
    }

    @Test
    void showsAnEmptyZoneAndAMissingLoadBalancer() {
        FleetStatus status = new FleetStatus("g", 1, 1, 2, List.of("us-east-1a", "us-east-1b"), Optional.empty(),
                Optional.empty(), false,
                List.of(new FleetStatus.Member("i-1", "us-east-1a", "Terminating", "Unhealthy", "unregistered",
                        "shutting-down")));
        assertEquals("""
                ⚖ -
                ├─ us-east-1a
                │  └─ i-1  Terminating  unregistered  (shutting-down)
                └─ us-east-1b
                   └─ ·
                """, FleetDiagram.render(status));
    }

    @Test
    void drawsASparklineOfTheAverageWithGaps() {
        assertEquals("▁▂▅▆█·█", CpuChart.sparkline(Arrays.asList(0.0, 20.0, 50.0, 75.0, 100.0, null, 130.0)));
        assertEquals("", CpuChart.sparkline(List.of()));
    }

    @Test
    void drawsABarPerInstance() {
        assertEquals("██████░░░░  62%", CpuChart.bar(62.0, 10));
        assertEquals("░░░░░░░░░░   0%", CpuChart.bar(-3, 10));
        assertEquals("██████████ 100%", CpuChart.bar(100, 10));
    }

    @Test
    void countsWhatServes() {
        FleetStatus status = status(List.of("us-east-1a"),
                new FleetStatus.Member("i-1", "us-east-1a", "InService", "Healthy", "healthy", "running"),
                new FleetStatus.Member("i-2", "us-east-1a", "InService", "Healthy", "initial", "running"),
                new FleetStatus.Member("i-3", "us-east-1a", "Pending", "Healthy", "unregistered", "running"),
                // Just terminated by the student: EC2 knows, the group and the load balancer not yet.
                new FleetStatus.Member("i-4", "us-east-1a", "InService", "Healthy", "healthy", "shutting-down"));
        assertEquals(1, status.healthyInService());
        assertEquals(3, status.inService());
        assertEquals(false, status.atDesiredAndHealthy());
    }
}
