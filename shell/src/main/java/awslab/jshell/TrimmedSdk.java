package awslab.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;

/**
 * The AWS SDK operations the shell's jar does not carry (the build keeps those of
 * {@code shell/src/build/sdk-api.txt} and lists the others in {@code sdk-trimmed.txt}, see
 * SdkTrim), so that a snippet calling one is told so, rather than "cannot find symbol".
 * Outside the jar (tests, an IDE) the SDK is whole and the list empty.
 *
 * <pre>
 * TrimmedSdk.ofJar().missing(diag).ifPresent(op -> …);   // op.service() "ec2", op.name() "DescribeIpams"
 * </pre>
 */
final class TrimmedSdk {
    static final String LIST = "sdk-trimmed.txt";
    private static final TrimmedSdk OF_JAR = load();

    /**
     * javac's "cannot find symbol" on a method of a client (or a paginator), or on an operation's
     * request or response class (a "variable", or a "package" before a dot, to javac).
     */
    private static final Pattern METHOD = Pattern.compile("symbol:\\s+method (\\w+?)(?:Paginator)?\\(.*location:[^\\n]*?(\\w+)Client\\b",
            Pattern.DOTALL);
    private static final Pattern MODEL = Pattern.compile("(?:symbol:\\s+(?:class|variable)|package) (\\w+)(?:Request|Response)\\b");

    /** A dropped operation: its service as the SDK names its package ({@code ec2}) and its name ({@code DescribeIpams}). */
    public record Operation(String service, String name) {
        /** The same operation in the AWS CLI: {@code aws ec2 describe-ipams}. */
        public String cli() {
            return "aws " + service + " " + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    }

    private final Map<String, String> serviceOf; // operation → service

    private TrimmedSdk(Map<String, String> serviceOf) {
        this.serviceOf = serviceOf;
    }

    /** The list the jar carries (empty outside it). */
    static TrimmedSdk ofJar() {
        return OF_JAR;
    }

    /** A list in the build's format: {@code service: Op Op …} lines, {@code #} comments. */
    static TrimmedSdk parse(String text) {
        Map<String, String> serviceOf = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon > 0) {
                String service = line.substring(0, colon).strip();
                for (String op : line.substring(colon + 1).strip().split("\\s+")) {
                    if (!op.isEmpty()) {
                        serviceOf.put(op, service);
                    }
                }
            }
        }
        return new TrimmedSdk(serviceOf);
    }

    private static TrimmedSdk load() {
        try (InputStream in = TrimmedSdk.class.getResourceAsStream(LIST)) {
            return parse(in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dropped operation a compiler error is about, if it is about one. */
    public Optional<Operation> missing(Diag diag) {
        if (serviceOf.isEmpty() || !JavaShell.unknownName(diag)) {
            return Optional.empty();
        }
        String message = diag.getMessage(Locale.ENGLISH);
        Matcher method = METHOD.matcher(message);
        if (method.find()) {
            String op = Character.toUpperCase(method.group(1).charAt(0)) + method.group(1).substring(1);
            String service = serviceOf.get(op);
            return service != null && service.equalsIgnoreCase(method.group(2))
                    ? Optional.of(new Operation(service, op)) : Optional.empty();
        }
        Matcher model = MODEL.matcher(message);
        if (model.find() && serviceOf.containsKey(model.group(1))) {
            return Optional.of(new Operation(serviceOf.get(model.group(1)), model.group(1)));
        }
        return Optional.empty();
    }
}
