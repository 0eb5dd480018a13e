package awslab.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * CloudWatch in the protocol the SDK's client speaks since 2.41 (Smithy RPC v2 CBOR: {@code POST
 * /service/GraniteServiceVersion20100801/operation/OP}, CBOR bodies), for the chart of
 * {@code burn-cpu}: {@code GetMetricData} and {@code GetMetricStatistics} of {@code AWS/EC2
 * CPUUtilization} per instance ({@code InstanceId}) or per group ({@code AutoScalingGroupName}),
 * one datapoint per compressed minute, from the CPU the sandbox really measured. CBOR is read
 * and written with the SDK's own shaded Jackson.
 *
 * <pre>
 * CloudWatchApi.Reply reply = new CloudWatchApi(autoScaling).handle("GetMetricData", cborBody);
 * </pre>
 */
final class CloudWatchApi {
    private static final CBORFactory CBOR = new CBORFactory();

    record Reply(int status, byte[] body) {}

    private final AutoScaling scaling;

    CloudWatchApi(AutoScaling scaling) {
        this.scaling = scaling;
    }

    Reply handle(String operation, byte[] body) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = body.length == 0 ? Map.of() : (Map<String, Object>) read(body);
            return switch (operation) {
                case "GetMetricData" -> new Reply(200, getMetricData(request));
                case "GetMetricStatistics" -> new Reply(200, getMetricStatistics(request));
                default -> error("InvalidAction", "The sandbox does not implement monitoring action " + operation
                        + " (use a real AWS account or another endpoint for it).");
            };
        } catch (IOException | ClassCastException | NullPointerException e) {
            return error("InvalidParameterValue", "The sandbox could not read the " + operation + " request: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] getMetricData(Map<String, Object> request) throws IOException {
        double start = number(request.get("StartTime"));
        double end = number(request.get("EndTime"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeFieldName("MetricDataResults");
            cbor.writeStartArray();
            for (Object item : (List<Object>) request.getOrDefault("MetricDataQueries", List.of())) {
                Map<String, Object> query = (Map<String, Object>) item;
                Map<String, Object> stat = (Map<String, Object>) query.get("MetricStat");
                List<AutoScaling.Sample> samples = stat == null ? List.of() : samples((Map<String, Object>) stat.get("Metric"), start, end);
                cbor.writeStartObject();
                cbor.writeStringField("Id", String.valueOf(query.get("Id")));
                cbor.writeStringField("Label", "CPUUtilization");
                cbor.writeFieldName("Timestamps");
                cbor.writeStartArray();
                for (AutoScaling.Sample sample : samples) {
                    timestamp(cbor, sample.epochMillis());
                }
                cbor.writeEndArray();
                cbor.writeFieldName("Values");
                cbor.writeStartArray();
                for (AutoScaling.Sample sample : samples) {
                    cbor.writeNumber(sample.percent());
                }
                cbor.writeEndArray();
                cbor.writeStringField("StatusCode", "Complete");
                cbor.writeEndObject();
            }
            cbor.writeEndArray();
            cbor.writeFieldName("Messages");
            cbor.writeStartArray();
            cbor.writeEndArray();
            cbor.writeEndObject();
        }
        return out.toByteArray();
    }

    private byte[] getMetricStatistics(Map<String, Object> request) throws IOException {
        List<AutoScaling.Sample> samples = samples(request, number(request.get("StartTime")), number(request.get("EndTime")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeStringField("Label", "CPUUtilization");
            cbor.writeFieldName("Datapoints");
            cbor.writeStartArray();
            for (AutoScaling.Sample sample : samples) {
                cbor.writeStartObject();
                cbor.writeFieldName("Timestamp");
                timestamp(cbor, sample.epochMillis());
                cbor.writeNumberField("SampleCount", 1.0);
                cbor.writeNumberField("Average", sample.percent());
                cbor.writeNumberField("Maximum", sample.percent());
                cbor.writeNumberField("Minimum", sample.percent());
                cbor.writeStringField("Unit", "Percent");
                cbor.writeEndObject();
            }
            cbor.writeEndArray();
            cbor.writeEndObject();
        }
        return out.toByteArray();
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

    private static void timestamp(CBORGenerator cbor, long epochMillis) throws IOException {
        cbor.writeTag(1); // CBOR epoch-based date/time, as Smithy RPC v2 writes timestamps
        cbor.writeNumber(epochMillis / 1000.0);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static Reply error(String type, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeStringField("__type", type);
            cbor.writeStringField("message", message);
            cbor.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(400, out.toByteArray());
    }

    /** A CBOR document as maps, lists, strings, numbers and booleans (tags, such as timestamps', are read through). */
    private static Object read(byte[] body) throws IOException {
        try (JsonParser parser = CBOR.createParser(body)) {
            parser.nextToken();
            return value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }
}
