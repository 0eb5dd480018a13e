package awslab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch in the protocol the SDK's client speaks since 2.41 (Smithy RPC v2 CBOR: {@code POST
 * /service/GraniteServiceVersion20100801/operation/OP}, CBOR bodies), for the chart of
 * {@code burn-cpu}: {@code GetMetricData} and {@code GetMetricStatistics} of {@code AWS/EC2
 * CPUUtilization} per instance ({@code InstanceId}) or per group ({@code AutoScalingGroupName}),
 * one datapoint per compressed minute, from the CPU the sandbox really measured. CBOR is read
 * and written by {@link Cbor}.
 *
 * <pre>
 * CloudWatchApi.Reply reply = new CloudWatchApi(autoScaling).handle("GetMetricData", cborBody);
 * </pre>
 */
final class CloudWatchApi {
    record Reply(int status, byte[] body) {}

    private final AutoScaling scaling;

    CloudWatchApi(AutoScaling scaling) {
        this.scaling = scaling;
    }

    Reply handle(String operation, byte[] body) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = body.length == 0 ? Map.of() : (Map<String, Object>) Cbor.read(body);
            return switch (operation) {
                case "GetMetricData" -> new Reply(200, Cbor.write(getMetricData(request)));
                case "GetMetricStatistics" -> new Reply(200, Cbor.write(getMetricStatistics(request)));
                default -> error("InvalidAction", "The sandbox does not implement monitoring action " + operation
                        + " (use a real AWS account or another endpoint for it).");
            };
        } catch (Cbor.MalformedException | ClassCastException | NullPointerException e) {
            return error("InvalidParameterValue", "The sandbox could not read the " + operation + " request: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> getMetricData(Map<String, Object> request) {
        double start = number(request.get("StartTime"));
        double end = number(request.get("EndTime"));
        List<Object> results = new ArrayList<>();
        for (Object item : (List<Object>) request.getOrDefault("MetricDataQueries", List.of())) {
            Map<String, Object> query = (Map<String, Object>) item;
            Map<String, Object> stat = (Map<String, Object>) query.get("MetricStat");
            List<AutoScaling.Sample> samples = stat == null ? List.of() : samples((Map<String, Object>) stat.get("Metric"), start, end);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("Id", String.valueOf(query.get("Id")));
            result.put("Label", "CPUUtilization");
            result.put("Timestamps", samples.stream().map(s -> timestamp(s.epochMillis())).toList());
            result.put("Values", samples.stream().map(AutoScaling.Sample::percent).toList());
            result.put("StatusCode", "Complete");
            results.add(result);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("MetricDataResults", results);
        reply.put("Messages", List.of());
        return reply;
    }

    private Map<String, Object> getMetricStatistics(Map<String, Object> request) {
        List<Object> datapoints = new ArrayList<>();
        for (AutoScaling.Sample sample : samples(request, number(request.get("StartTime")), number(request.get("EndTime")))) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("Timestamp", timestamp(sample.epochMillis()));
            point.put("SampleCount", 1.0);
            point.put("Average", sample.percent());
            point.put("Maximum", sample.percent());
            point.put("Minimum", sample.percent());
            point.put("Unit", "Percent");
            datapoints.add(point);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("Label", "CPUUtilization");
        reply.put("Datapoints", datapoints);
        return reply;
    }

    /** The measured series a metric names, newest first, between the two epoch-second times. */
    @SuppressWarnings("unchecked")
    private List<AutoScaling.Sample> samples(Map<String, Object> metric, double start, double end) {
        if (metric == null || !"AWS/EC2".equals(metric.get("Namespace")) || !"CPUUtilization".equals(metric.get("MetricName"))) {
            return List.of();
        }
        List<Object> dimensions = (List<Object>) metric.getOrDefault("Dimensions", List.of());
        if (dimensions.size() != 1) {
            return List.of();
        }
        Map<String, Object> dimension = (Map<String, Object>) dimensions.get(0);
        List<AutoScaling.Sample> series = new ArrayList<>(scaling.history(dimension.get("Name") + "=" + dimension.get("Value")));
        series.removeIf(s -> s.epochMillis() < start * 1000 || s.epochMillis() >= end * 1000);
        java.util.Collections.reverse(series);
        return series;
    }

    /** CBOR's epoch-based date/time (tag 1), as Smithy RPC v2 writes timestamps. */
    private static Cbor.Tagged timestamp(long epochMillis) {
        return new Cbor.Tagged(1, epochMillis / 1000.0);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static Reply error(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("__type", type);
        error.put("message", message);
        return new Reply(400, Cbor.write(error));
    }
}
