package awslab.sandbox;

import awslab.sandbox.CloudState.Group;
import awslab.sandbox.CloudState.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudWatch's operations the lab uses, whatever the wire protocol (see {@link Documents}):
 * {@code GetMetricData} and {@code GetMetricStatistics} of {@code AWS/EC2 CPUUtilization} per
 * instance ({@code InstanceId}) or per group ({@code AutoScalingGroupName}), one datapoint per
 * compressed minute from the CPU the sandbox really measured; {@code ListMetrics}; and
 * {@code DescribeAlarms} of the two alarms each target-tracking policy owns, in the state its
 * datapoints put them in.
 *
 * <pre>
 * Map&lt;String, Object&gt; answer = cloudWatch.call("GetMetricStatistics", request, region);
 * </pre>
 */
final class CloudWatchApi {
    private static final List<String> STATISTICS = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    private final Cloud cloud;
    private final AutoScaling scaling;

    CloudWatchApi(Cloud cloud, AutoScaling scaling) {
        this.cloud = cloud;
        this.scaling = scaling;
    }

    Map<String, Object> call(String operation, Map<String, Object> request, CloudRegion region) {
        try {
            return switch (operation) {
                case "GetMetricData" -> getMetricData(request, region);
                case "GetMetricStatistics" -> getMetricStatistics(request, region);
                case "ListMetrics" -> listMetrics(request, region);
                case "DescribeAlarms" -> describeAlarms(request, region);
                default -> throw AwsError.unsupported("monitoring", operation);
            };
        } catch (ClassCastException e) {
            throw AwsError.badRequest("InvalidParameterValue", "The sandbox could not read the " + operation + " request: " + e.getMessage());
        }
    }

    // ---- metrics ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> getMetricData(Map<String, Object> request, CloudRegion region) {
        Instant start = required(Documents.instant(request.get("StartTime")), "StartTime");
        Instant end = required(Documents.instant(request.get("EndTime")), "EndTime");
        checkOrder(start, end);
        boolean ascending = "TimestampAscending".equals(request.get("ScanBy"));
        List<Object> results = new ArrayList<>();
        for (Object item : list(request.get("MetricDataQueries"))) {
            Map<String, Object> query = (Map<String, Object>) item;
            Map<String, Object> stat = (Map<String, Object>) query.get("MetricStat");
            List<AutoScaling.Sample> samples = stat == null ? List.of()
                    : samples((Map<String, Object>) stat.get("Metric"), region, start, end);
            if (ascending) {
                samples = new ArrayList<>(samples);
                Collections.reverse(samples);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("Id", String.valueOf(query.get("Id")));
            result.put("Label", query.getOrDefault("Label", "CPUUtilization"));
            result.put("Timestamps", samples.stream().map(s -> (Object) Instant.ofEpochMilli(s.epochMillis())).toList());
            result.put("Values", samples.stream().map(s -> (Object) s.percent()).toList());
            result.put("StatusCode", "Complete");
            results.add(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("MetricDataResults", results);
        answer.put("Messages", List.of());
        return answer;
    }

    private Map<String, Object> getMetricStatistics(Map<String, Object> request, CloudRegion region) {
        required(request.get("Namespace"), "Namespace");
        required(request.get("MetricName"), "MetricName");
        Instant start = required(Documents.instant(request.get("StartTime")), "StartTime");
        Instant end = required(Documents.instant(request.get("EndTime")), "EndTime");
        checkOrder(start, end);
        Double period = required(Documents.number(request.get("Period")), "Period");
        if (period < 1) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameter Period must be greater than 0.");
        }
        List<String> wanted = list(request.get("Statistics")).stream().map(String::valueOf).toList();
        if (wanted.isEmpty() && request.get("ExtendedStatistics") == null) {
            throw AwsError.badRequest("InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        for (String statistic : wanted) {
            if (!STATISTICS.contains(statistic)) {
                throw AwsError.badRequest("InvalidParameterValue", "The parameter Statistics.member.1 must be a value in the set "
                        + STATISTICS + ".");
            }
        }
        List<Object> datapoints = new ArrayList<>();
        for (AutoScaling.Sample sample : samples(request, region, start, end)) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("Timestamp", Instant.ofEpochMilli(sample.epochMillis()));
            for (String statistic : wanted) {
                point.put(statistic, "SampleCount".equals(statistic) ? 1.0 : sample.percent());
            }
            point.put("Unit", "Percent");
            datapoints.add(point);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Label", request.get("MetricName"));
        answer.put("Datapoints", datapoints);
        return answer;
    }

    /** The measured series a metric names, newest first, between the two times; nothing for a metric the sandbox does not measure. */
    @SuppressWarnings("unchecked")
    private List<AutoScaling.Sample> samples(Map<String, Object> metric, CloudRegion region, Instant start, Instant end) {
        if (metric == null || !"AWS/EC2".equals(metric.get("Namespace")) || !"CPUUtilization".equals(metric.get("MetricName"))) {
            return List.of();
        }
        List<Object> dimensions = list(metric.get("Dimensions"));
        if (dimensions.size() != 1) {
            return List.of();
        }
        Map<String, Object> dimension = (Map<String, Object>) dimensions.get(0);
        String key = dimension.get("Name") + "=" + dimension.get("Value");
        if (!inRegion(key, region)) {
            return List.of();
        }
        List<AutoScaling.Sample> series = new ArrayList<>(scaling.history(key));
        series.removeIf(s -> s.epochMillis() < start.toEpochMilli() || s.epochMillis() >= end.toEpochMilli());
        Collections.reverse(series);
        return series;
    }

    /** Whether a series ("InstanceId=i-…" or "AutoScalingGroupName=NAME") belongs to the region. */
    private boolean inRegion(String key, CloudRegion region) {
        synchronized (cloud) {
            String value = key.substring(key.indexOf('=') + 1);
            if (key.startsWith("InstanceId=")) {
                var instance = cloud.state.instances.get(value);
                return instance == null ? region == CloudRegion.US_EAST_1 : region.holds(instance.region);
            }
            return cloud.state.groups.values().stream().anyMatch(g -> g.name.equals(value) && region.holds(g.region));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> listMetrics(Map<String, Object> request, CloudRegion region) {
        Object namespace = request.get("Namespace");
        Object name = request.get("MetricName");
        List<Object> wanted = list(request.get("Dimensions"));
        List<Object> metrics = new ArrayList<>();
        for (String key : scaling.seriesKeys()) {
            String dimensionName = key.substring(0, key.indexOf('='));
            String dimensionValue = key.substring(key.indexOf('=') + 1);
            boolean matches = (namespace == null || "AWS/EC2".equals(namespace)) && (name == null || "CPUUtilization".equals(name))
                    && wanted.stream().map(d -> (Map<String, Object>) d).allMatch(d -> dimensionName.equals(d.get("Name"))
                            && (d.get("Value") == null || dimensionValue.equals(d.get("Value"))));
            if (matches && inRegion(key, region)) {
                metrics.add(Map.of("Namespace", "AWS/EC2", "MetricName", "CPUUtilization",
                        "Dimensions", List.of(Map.of("Name", dimensionName, "Value", dimensionValue))));
            }
        }
        Paging.Page<Object> page = Paging.page(metrics, null, (String) request.get("NextToken"), Paging.CLOUDWATCH);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Metrics", page.items());
        answer.put("NextToken", page.next());
        return answer;
    }

    // ---- alarms ----------------------------------------------------------------------------

    /** One alarm of a target-tracking policy: above the target for scale-out, below 90 % of it for scale-in. */
    private record Alarm(Group group, Policy policy, boolean high) {
        String name() {
            return high ? policy.alarmHigh : policy.alarmLow;
        }

        double threshold() {
            return high ? policy.target : policy.target * 0.9;
        }
    }

    private Map<String, Object> describeAlarms(Map<String, Object> request, CloudRegion region) {
        List<String> names = list(request.get("AlarmNames")).stream().map(String::valueOf).toList();
        Object prefix = request.get("AlarmNamePrefix");
        Object state = request.get("StateValue");
        List<Alarm> alarms = new ArrayList<>();
        synchronized (cloud) {
            for (Group group : cloud.state.groups.values()) {
                if (region.holds(group.region)) {
                    for (Policy policy : group.policies) {
                        alarms.add(new Alarm(group, policy, true));
                        alarms.add(new Alarm(group, policy, false));
                    }
                }
            }
        }
        List<Object> shown = new ArrayList<>();
        for (Alarm alarm : alarms) {
            Map<String, Object> described = describe(alarm, region);
            if ((names.isEmpty() || names.contains(alarm.name())) && (prefix == null || alarm.name().startsWith(prefix.toString()))
                    && (state == null || state.equals(described.get("StateValue")))) {
                shown.add(described);
            }
        }
        Double max = Documents.number(request.get("MaxRecords"));
        Paging.Page<Object> page = Paging.page(shown, max == null ? null : max.intValue(), (String) request.get("NextToken"),
                Paging.CLOUDWATCH);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("MetricAlarms", page.items());
        answer.put("CompositeAlarms", List.of());
        answer.put("NextToken", page.next());
        return answer;
    }

    private Map<String, Object> describe(Alarm alarm, CloudRegion region) {
        SandboxTimings timings = cloud.config.timings();
        int periods = alarm.high() ? timings.scaleOutPeriods() : timings.scaleInPeriods();
        List<AutoScaling.Sample> series = scaling.history("AutoScalingGroupName=" + alarm.group().name);
        List<AutoScaling.Sample> last = series.subList(Math.max(0, series.size() - periods), series.size());
        boolean crossed = last.size() == periods && last.stream()
                .allMatch(s -> alarm.high() ? s.percent() > alarm.threshold() : s.percent() < alarm.threshold());
        String stateValue = last.size() < periods ? "INSUFFICIENT_DATA" : crossed ? "ALARM" : "OK";
        String values = String.join(", ", last.stream().map(s -> String.format(Locale.ROOT, "%.1f", s.percent())).toList());
        String reason = switch (stateValue) {
            case "INSUFFICIENT_DATA" -> "Insufficient Data: " + last.size() + " datapoints were received for " + periods + " periods"
                    + " (one period is " + timings.metricPeriod().toSeconds() + " s in the sandbox, 1 min on AWS).";
            case "ALARM" -> "Threshold Crossed: " + periods + " datapoints [" + values + "] were "
                    + (alarm.high() ? "greater" : "less") + " than the threshold (" + alarm.threshold() + ").";
            default -> "Threshold Crossed: the last " + periods + " datapoints [" + values + "] were not all "
                    + (alarm.high() ? "greater" : "less") + " than the threshold (" + alarm.threshold() + ").";
        };
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("AlarmName", alarm.name());
        described.put("AlarmArn", region.arn("cloudwatch", "alarm:" + alarm.name()));
        described.put("AlarmDescription", "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + alarm.policy().arn + ".");
        described.put("ActionsEnabled", true);
        described.put("AlarmActions", List.of(alarm.policy().arn));
        described.put("OKActions", List.of());
        described.put("InsufficientDataActions", List.of());
        described.put("StateValue", stateValue);
        described.put("StateReason", reason);
        described.put("StateUpdatedTimestamp", last.isEmpty() ? Instant.now() : Instant.ofEpochMilli(last.get(last.size() - 1).epochMillis()));
        described.put("MetricName", "CPUUtilization");
        described.put("Namespace", "AWS/EC2");
        described.put("Statistic", "Average");
        described.put("Dimensions", List.of(Map.of("Name", "AutoScalingGroupName", "Value", alarm.group().name)));
        described.put("Period", 60);
        described.put("EvaluationPeriods", periods);
        described.put("DatapointsToAlarm", periods);
        described.put("Threshold", alarm.threshold());
        described.put("ComparisonOperator", alarm.high() ? "GreaterThanThreshold" : "LessThanThreshold");
        described.put("Unit", "Percent");
        return described;
    }

    // ---- request helpers -------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw AwsError.missing(name);
        }
        return value;
    }

    private static void checkOrder(Instant start, Instant end) {
        if (!start.isBefore(end)) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        }
    }
}
