package awslab.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parameters of a Query-protocol request ({@code Action=RunInstances&InstanceId.1=i-1...}),
 * with the two list shapes the SDK writes: EC2's {@code Name.N} and the other services'
 * {@code Name.member.N}.
 *
 * <pre>
 * Params p = Params.parse("Action=DescribeInstances&amp;InstanceId.1=i-1");
 * p.list("InstanceId"); // [i-1]
 * </pre>
 */
final class Params {
    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    static Params parse(String form) {
        Map<String, String> values = new TreeMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                values.put(decode(key), decode(value));
            }
        }
        return new Params(values);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw AwsError.missing(name);
        }
        return value;
    }

    Integer integer(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid integer for " + name + ": " + value);
        }
    }

    int integer(String name, int otherwise) {
        Integer value = integer(name);
        return value == null ? otherwise : value;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The values of a list parameter, in index order. */
    List<String> list(String name) {
        return indexed(name, index -> values.get(name + "." + index), index -> values.get(name + ".member." + index));
    }

    /** The structures of a list parameter, each as its own {@code Params} without the prefix. */
    List<Params> structs(String name) {
        return indexed(name, index -> sub(name + "." + index + "."), index -> sub(name + ".member." + index + "."));
    }

    /** The parameters under one prefix ({@code LaunchTemplateData.}), the prefix removed. */
    Params sub(String prefix) {
        Map<String, String> inner = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                inner.put(key.substring(prefix.length()), value);
            }
        });
        return inner.isEmpty() ? null : new Params(inner);
    }

    /** Every parameter, by name. */
    Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Walks indexes 1, 2, ... in either list shape until one is missing (at most 1000). */
    private static <T> List<T> indexed(String name, Function<Integer, T> flat, Function<Integer, T> member) {
        List<T> out = new ArrayList<>();
        for (int index = 1; index <= 1000; index++) {
            T value = flat.apply(index);
            if (value == null) {
                value = member.apply(index);
            }
            if (value == null) {
                break;
            }
            out.add(value);
        }
        return out;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
