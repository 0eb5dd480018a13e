package awslab.sandbox;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request or answer of a service that several wire protocols carry (CloudWatch: the Java
 * SDK's Smithy RPC v2 CBOR, boto3's and the AWS CLI's JSON 1.0, older clients' AWS Query), as
 * plain data: maps (ordered), lists, strings, numbers, booleans and {@link Instant}s. This class
 * reads each protocol's request into that shape and writes an answer back in it, so an operation
 * is written once.
 *
 * <pre>
 * Map&lt;String, Object&gt; request = Documents.fromJson(body);        // or fromCbor, fromQuery
 * byte[] answer = Documents.toCbor(Map.of("Label", "CPUUtilization"));
 * </pre>
 */
final class Documents {
    private static final Gson GSON = new Gson();

    private Documents() {}

    // ---- reading --------------------------------------------------------------------------

    /** CBOR (read by {@link Cbor}, tags read through to their value) as plain data. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromCbor(byte[] body) throws IOException {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            Object document = Cbor.read(body);
            if (!(document instanceof Map<?, ?>)) {
                throw new IOException("the CBOR body is not a map");
            }
            return (Map<String, Object>) document;
        } catch (Cbor.MalformedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static Map<String, Object> fromJson(String body) {
        if (body.isBlank()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) jsonValue(GSON.fromJson(body, JsonElement.class));
        return map;
    }

    private static Object jsonValue(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            element.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), jsonValue(e.getValue())));
            return map;
        }
        if (element.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            element.getAsJsonArray().forEach(e -> list.add(jsonValue(e)));
            return list;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isNumber() ? primitive.getAsNumber() : primitive.isBoolean() ? primitive.getAsBoolean() : primitive.getAsString();
    }

    /**
     * AWS Query parameters as the same shape: {@code Dimensions.member.1.Name=X} becomes
     * {@code {Dimensions: [{Name: X}]}}; values stay strings (see {@link #number}, {@link #instant}).
     */
    static Map<String, Object> fromQuery(Params params) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(params.values()).entrySet()) {
            String[] path = entry.getKey().split("\\.");
            Object container = root;
            for (int i = 0; i < path.length; i++) {
                boolean last = i == path.length - 1;
                boolean listNext = !last && "member".equals(path[i + 1]);
                container = step(container, path[i], last ? entry.getValue() : null, listNext);
                if (listNext) {
                    i++; // "member": the index follows
                }
                if (container == null) {
                    break;
                }
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Object step(Object container, String key, String leaf, boolean listNext) {
        if (container instanceof List<?> list) { // key is a 1-based index
            List<Object> items = (List<Object>) list;
            int index;
            try {
                index = Integer.parseInt(key) - 1;
            } catch (NumberFormatException e) {
                return null;
            }
            while (items.size() <= index) {
                items.add(leaf != null ? null : new LinkedHashMap<String, Object>());
            }
            if (leaf != null) {
                items.set(index, leaf);
                return null;
            }
            return items.get(index);
        }
        Map<String, Object> map = (Map<String, Object>) container;
        if (leaf != null) {
            map.put(key, leaf);
            return null;
        }
        return map.computeIfAbsent(key, k -> listNext ? new ArrayList<>() : new LinkedHashMap<String, Object>());
    }

    /** A number however the protocol wrote it (CBOR and JSON: a number; Query: its text), or null. */
    static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                throw AwsError.badRequest("InvalidParameterValue", "'" + s + "' is not a number");
            }
        }
        return null;
    }

    /** A timestamp however the protocol wrote it: epoch seconds (CBOR, JSON) or ISO 8601 text (Query); or null. */
    static Instant instant(Object value) {
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Instant.parse(s.trim());
            } catch (DateTimeParseException e) {
                try {
                    return Instant.ofEpochMilli(Math.round(Double.parseDouble(s.trim()) * 1000));
                } catch (NumberFormatException notANumber) {
                    throw AwsError.badRequest("InvalidParameterValue", "'" + s + "' is not a timestamp");
                }
            }
        }
        return null;
    }

    // ---- writing --------------------------------------------------------------------------

    static byte[] toCbor(Map<String, Object> document) {
        return Cbor.write(cbor(document));
    }

    /** The document as {@link Cbor} writes it: no null members, timestamps as tag 1 on epoch seconds (Smithy RPC v2). */
    private static Object cbor(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> members = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (item != null) {
                    members.put(String.valueOf(key), cbor(item));
                }
            });
            return members;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Documents::cbor).toList();
        }
        if (value instanceof Instant instant) {
            return new Cbor.Tagged(1, instant.toEpochMilli() / 1000.0);
        }
        if (value instanceof Integer || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return String.valueOf(value);
    }

    static String toJson(Map<String, Object> document) {
        return GSON.toJson(json(document));
    }

    private static JsonElement json(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, item) -> {
                if (item != null) {
                    object.add(String.valueOf(key), json(item));
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(json(item)));
            return array;
        }
        if (value instanceof Instant instant) {
            return new JsonPrimitive(instant.toEpochMilli() / 1000.0); // JSON 1.0's timestamps: epoch seconds
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(String.valueOf(value));
    }

    /** The document as the elements of an AWS Query answer: lists as {@code member}s, timestamps in ISO 8601. */
    static void toXml(Xml xml, Map<String, Object> document) {
        document.forEach((key, value) -> xmlValue(xml, key, value));
    }

    private static void xmlValue(Xml xml, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            xml.open(name);
            map.forEach((key, item) -> xmlValue(xml, String.valueOf(key), item));
            xml.end();
        } else if (value instanceof List<?> list) {
            xml.open(name);
            list.forEach(item -> xmlValue(xml, "member", item));
            xml.end();
        } else {
            xml.leaf(name, value);
        }
    }
}
