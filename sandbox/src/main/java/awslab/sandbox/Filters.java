package awslab.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2's describe filters ({@code Filter.1.Name=tag:Name&Filter.1.Value.1=web*}): every filter
 * must match (AND), any of its values may (OR), {@code *} and {@code ?} are wildcards, and a
 * filter name the resource does not know is an error, as on AWS.
 *
 * <pre>
 * boolean keep = Filters.matches(params.structs("Filter"), name -> attributesOf(instance).get(name));
 * </pre>
 */
final class Filters {
    private Filters() {}

    static boolean matches(List<Params> filters, Function<String, Collection<String>> attribute) {
        for (Params filter : filters) {
            String name = filter.required("Name");
            Collection<String> actual = attribute.apply(name);
            if (actual == null) {
                throw AwsError.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            List<String> wanted = filter.has("Values.member.1") ? filter.list("Values") : filter.list("Value"); // Auto Scaling: Values
            boolean any = wanted.stream().anyMatch(value -> actual.stream().anyMatch(a -> a != null && glob(value).matcher(a).matches()));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The tag-based filters every taggable resource answers: {@code tag:KEY}, {@code tag-key}, {@code tag-value}. */
    static Collection<String> tagAttribute(String name, Map<String, String> tags) {
        if (name.startsWith("tag:")) {
            String value = tags.get(name.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        return switch (name) {
            case "tag-key" -> tags.keySet();
            case "tag-value" -> tags.values();
            default -> null;
        };
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
