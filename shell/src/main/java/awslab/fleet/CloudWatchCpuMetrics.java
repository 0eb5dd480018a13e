package awslab.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * {@link CpuMetrics} from CloudWatch: one {@code GetMetricData} call for the group's average
 * (dimension {@code AutoScalingGroupName}, the metric the target-tracking policy uses) and each
 * instance's {@code CPUUtilization} (dimension {@code InstanceId}), one-minute periods.
 *
 * <p>A target without CloudWatch (Moto 5.2.1 answers the SDK's current protocol with HTTP 404)
 * gives {@link CpuReading#unavailable()}, never an exception: the live view says so and goes on.
 *
 * <pre>
 * CpuMetrics metrics = new CloudWatchCpuMetrics(clients.cloudWatch());
 * </pre>
 */
public final class CloudWatchCpuMetrics implements CpuMetrics {
    private static final String NAMESPACE = "AWS/EC2";
    private static final String METRIC = "CPUUtilization";
    private static final int PERIOD_SECONDS = 60;
    /** GetMetricData accepts at most 500 queries; a lab fleet has at most a handful of instances. */
    private static final int MAX_INSTANCES = 50;

    private final CloudWatchClient cloudWatch;
    private final Clock clock;

    public CloudWatchCpuMetrics(CloudWatchClient cloudWatch) {
        this(cloudWatch, Clock.systemUTC());
    }

    public CloudWatchCpuMetrics(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    @Override
    public CpuReading read(String groupName, Collection<String> instanceIds, Duration window) {
        List<String> ids = instanceIds.stream().distinct().limit(MAX_INSTANCES).toList();
        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(query("group", "AutoScalingGroupName", groupName));
        for (int i = 0; i < ids.size(); i++) {
            queries.add(query("i" + i, "InstanceId", ids.get(i)));
        }
        Instant end = clock.instant();
        GetMetricDataResponse response;
        try {
            response = cloudWatch.getMetricData(r -> r.metricDataQueries(queries)
                    .startTime(end.minus(window))
                    .endTime(end)
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING));
        } catch (SdkException e) {
            // The endpoint does not serve CloudWatch (or not this protocol): say so, do not fail.
            return CpuReading.unavailable();
        }
        OptionalDouble average = OptionalDouble.empty();
        Map<String, Double> perInstance = new LinkedHashMap<>();
        for (MetricDataResult result : response.metricDataResults()) {
            if (result.values().isEmpty()) {
                continue;
            }
            double latest = result.values().get(0); // newest first (TIMESTAMP_DESCENDING)
            if ("group".equals(result.id())) {
                average = OptionalDouble.of(latest);
            } else {
                perInstance.put(ids.get(Integer.parseInt(result.id().substring(1))), latest);
            }
        }
        return new CpuReading(true, average, perInstance);
    }

    private static MetricDataQuery query(String id, String dimension, String value) {
        Metric metric = Metric.builder()
                .namespace(NAMESPACE)
                .metricName(METRIC)
                .dimensions(Dimension.builder().name(dimension).value(value).build())
                .build();
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(MetricStat.builder().metric(metric).period(PERIOD_SECONDS).stat("Average").build())
                .returnData(true)
                .build();
    }
}
