import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time generator (run by shell/pom.xml with Java's single-file source launcher) of what the
 * lab user data carries to an instance:
 *
 * <ul>
 *   <li>{@code webapp/sources/…} and {@code webapp/sources.list}: the web service's Java sources
 *       without comments, blank lines nor indentation (its compiled classes do not fit in EC2's
 *       16 KB of user data, even compressed; its sources, compressed, do), compiled on the instance;
 *   <li>{@code webapp/dependencies.tsv}: its runtime dependencies, {@code group:artifact:version},
 *       a tab and the jar's SHA-256, one a line: the web service's subtree of the shell's verbose
 *       dependency tree, which the dependency plugin writes in JSON, hashed from the local
 *       repository;
 *   <li>{@code webapp/jvm.options}: the JVM flags, from {@code webapp/jvm.options} when the web
 *       service module has one, else small-heap defaults for a t2.micro.
 * </ul>
 *
 * <pre>
 * java WebappBundle.java TREE_JSON LOCAL_REPO WEBAPP_DIR OUTPUT_DIR
 * </pre>
 */
public final class WebappBundle {
    private static final String WEBAPP = "dev.awslab:awslab-webapp:";
    private static final String DEFAULT_JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: WebappBundle TREE_JSON LOCAL_REPO WEBAPP_DIR OUTPUT_DIR");
        }
        Path tree = Path.of(args[0]);
        Path localRepo = Path.of(args[1]);
        Path webappDir = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        String list = sources(webappDir.resolve("src/main"), out.resolve("sources"));
        Files.writeString(out.resolve("sources.list"), list, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("dependencies.tsv"), dependencies(tree, localRepo), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("jvm.options"), jvmOptions(webappDir.resolve("jvm.options")) + "\n", StandardCharsets.UTF_8);
    }

    /** Writes the compacted sources under {@code out}; returns their paths, one a line, sorted. */
    static String sources(Path main, Path out) throws IOException {
        Path resources = main.resolve("resources");
        if (Files.isDirectory(resources)) {
            try (Stream<Path> files = Files.walk(resources)) {
                if (files.anyMatch(Files::isRegularFile)) {
                    throw new IllegalStateException("the user data carries Java sources only, not " + resources);
                }
            }
        }
        Path java = main.resolve("java");
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = java.relativize(file).toString().replace('\\', '/');
                Path target = out.resolve(relative);
                Files.createDirectories(target.getParent());
                String compact = JavaCompactor.compact(Files.readString(file, StandardCharsets.UTF_8));
                Files.writeString(target, compact, StandardCharsets.UTF_8);
                paths.add(relative);
            }
        }
        return String.join("\n", paths) + "\n";
    }

    /** One line per runtime dependency of the web service: {@code group:artifact:version<TAB>sha256}. */
    static String dependencies(Path tree, Path localRepo) throws IOException, NoSuchAlgorithmException {
        Map<String, String> versions = closure(Json.parse(Files.readString(tree, StandardCharsets.UTF_8)));
        if (versions.isEmpty()) {
            throw new IllegalStateException("no dependency of " + WEBAPP + " in " + tree);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : versions.entrySet()) {
            String[] ga = entry.getKey().split(":");
            Path jar = localRepo.resolve(ga[0].replace('.', '/')).resolve(ga[1]).resolve(entry.getValue())
                    .resolve(ga[1] + "-" + entry.getValue() + ".jar");
            text.append(entry.getKey()).append(':').append(entry.getValue()).append('\t').append(sha256(jar)).append('\n');
        }
        return text.toString();
    }

    /**
     * The web service's runtime closure, {@code group:artifact} to version, from the shell's
     * verbose dependency tree in JSON ({@code dependency:tree -Dverbose -DoutputType=json}): the
     * web service's own subtree, as its own pom resolves it (its exclusions hold there, whatever
     * the shell's other paths bring), every artifact expanded wherever it occurs. Test, provided
     * and optional dependencies stay out. A verbose tree also lists the versions that lost a
     * conflict, unmarked: two versions of one artifact fail the build, to be pinned in the root
     * pom's dependencyManagement.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> closure(Object tree) {
        Map<String, Object> webapp = null;
        List<Object> nodes = new ArrayList<>(List.of(tree));
        for (int i = 0; i < nodes.size() && webapp == null; i++) { // the nearest, wherever the shell gets it from
            Map<String, Object> node = (Map<String, Object>) nodes.get(i);
            if ((node.get("groupId") + ":" + node.get("artifactId") + ":").equals(WEBAPP)) {
                webapp = node;
            }
            nodes.addAll((List<Object>) node.getOrDefault("children", List.of()));
        }
        if (webapp == null) {
            throw new IllegalStateException(WEBAPP + " is not in the dependency tree");
        }
        Map<String, String> versions = new LinkedHashMap<>();
        List<Object> queue = new ArrayList<>((List<Object>) webapp.getOrDefault("children", List.of()));
        for (int i = 0; i < queue.size(); i++) {
            Map<String, Object> node = (Map<String, Object>) queue.get(i);
            String ga = node.get("groupId") + ":" + node.get("artifactId");
            String coordinates = ga + ":" + node.get("version");
            boolean wanted = ("compile".equals(node.get("scope")) || "runtime".equals(node.get("scope")))
                    && !"true".equals(String.valueOf(node.get("optional")));
            if (!wanted) {
                continue;
            }
            if (!"jar".equals(node.get("type")) || !"".equals(node.getOrDefault("classifier", ""))) {
                throw new IllegalStateException("the user data handles plain jars only, not " + coordinates + " ("
                        + node.get("type") + ", classifier '" + node.get("classifier") + "')");
            }
            String known = versions.putIfAbsent(ga, String.valueOf(node.get("version")));
            if (known != null && !known.equals(node.get("version"))) {
                throw new IllegalStateException("the web service's tree holds two versions of " + ga + ": " + known + " and "
                        + node.get("version") + "; pin one in the root pom's dependencyManagement");
            }
            queue.addAll((List<Object>) node.getOrDefault("children", List.of()));
        }
        return versions;
    }

    static String jvmOptions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return DEFAULT_JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String option = line.replaceAll("#.*", "").trim();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return String.join(" ", options);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    digest.update(b, off, len);
                }
            });
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

/**
 * Removes what the compiler ignores from Java source: comments, blank lines, indentation and
 * trailing spaces — never inside string, character or text-block literals.
 */
final class JavaCompactor {
    private JavaCompactor() {}

    static String compact(String source) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                int end = closingTextBlock(source, i + 3);
                line.append(source, i, end + 3); // a text block keeps its lines and indentation
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                line.append(source, i, j + 1);
                i = j + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
                line.append(' ');
            } else if (c == '\n') {
                flush(out, line);
                i++;
            } else {
                line.append(c);
                i++;
            }
        }
        flush(out, line);
        return out.toString();
    }

    /** Where the text block opened before {@code from} closes: the first unescaped triple quote. */
    private static int closingTextBlock(String source, int from) {
        int i = from;
        while (!source.startsWith("\"\"\"", i)) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static void flush(StringBuilder out, StringBuilder line) {
        String text = line.toString().strip();
        if (!text.isEmpty()) {
            out.append(text).append('\n');
        }
        line.setLength(0);
    }
}

/**
 * Reads JSON (RFC 8259) into maps, lists, strings, booleans, numbers (as {@code BigDecimal}) and
 * nulls: enough for the dependency plugin's tree, with no library on the build's class path.
 */
final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.space();
        if (json.at != text.length()) {
            throw json.error("end of input");
        }
        return value;
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            if (!next('}')) {
                do {
                    space();
                    String key = string();
                    expect(':');
                    object.put(key, value());
                } while (next(','));
                expect('}');
            }
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            at++;
            if (!next(']')) {
                do {
                    array.add(value());
                } while (next(','));
                expect(']');
            }
            return array;
        }
        if (c == '"') {
            return string();
        }
        for (String literal : List.of("true", "false", "null")) {
            if (text.startsWith(literal, at)) {
                at += literal.length();
                return literal.equals("null") ? null : Boolean.valueOf(literal);
            }
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return new java.math.BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("a value");
        }
    }

    private String string() {
        if (at >= text.length() || text.charAt(at) != '"') {
            throw error("a string");
        }
        StringBuilder out = new StringBuilder();
        for (at++; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c == '\\' && at + 1 < text.length()) {
                char escaped = text.charAt(++at);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                        at += 4;
                    }
                    default -> out.append(escaped); // \" \\ \/
                }
            } else {
                out.append(c);
            }
        }
        throw error("the end of a string");
    }

    private boolean next(char c) {
        space();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("JSON: expected " + expected + " at character " + at);
    }
}
