package awslab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@link CloudWatchCpuMetrics} against Moto 5.2.1, which lacks the protocol the SDK's CloudWatch
 * client speaks (it answers HTTP 404): the reading says "unavailable" instead of throwing.
 */
class CloudWatchCpuMetricsTest {

    @Test
    void aTargetWithoutCloudWatchGivesAnUnavailableReadingNotAnException() {
        MotoServer.get().reset();
        try (CloudWatchClient cloudWatch = MotoServer.get().configure(CloudWatchClient.builder()).build()) {
            CpuMetrics.CpuReading reading = new CloudWatchCpuMetrics(cloudWatch)
                    .read("ASG-webservice", List.of("i-0123456789abcdef0"), Duration.ofMinutes(5));
            assertFalse(reading.available());
            assertTrue(reading.groupAverage().isEmpty());
            assertEquals(0, reading.perInstance().size());
        }
    }
}
