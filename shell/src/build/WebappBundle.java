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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build-time generator (run by shell/pom.xml with Java's single-file source launcher) of what the
 * lab user data carries to an instance:
 *
 * <ul>
 *   <li>{@code webapp/sources/…} and {@code webapp/sources.list}: the web service's Java sources
 *       without comments, blank lines nor indentation (its compiled classes do not fit in EC2's
 *       16 KB of user data, even compressed; its sources, compressed, do), compiled on the instance;
 *   <li>{@code webapp/dependencies.tsv}: its runtime dependencies, {@code group:artifact:version}
 *       and SHA-256, read from Maven's verbose dependency tree of the shell (the web service's
 *       subtree, duplicates included) and hashed from the local repository;
 *   <li>{@code webapp/jvm.options}: the JVM flags, from {@code webapp/jvm.options} when the web
 *       service module has one, else small-heap defaults for a t2.micro.
 * </ul>
 *
 * <pre>
 * java WebappBundle.java TREE_FILE LOCAL_REPO WEBAPP_DIR OUTPUT_DIR
 * </pre>
 */
public final class WebappBundle {
    private static final String WEBAPP = "dev.awslab:awslab-webapp:";
    private static final String DEFAULT_JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Pattern COORDINATE = Pattern.compile("([\\w.\\-]+):([\\w.\\-]+):(\\w+):(?:([\\w.\\-]+):)?([\\w.\\-]+):(\\w+)");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: WebappBundle TREE_FILE LOCAL_REPO WEBAPP_DIR OUTPUT_DIR");
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
        Map<String, String> versions = closure(Files.readAllLines(tree, StandardCharsets.UTF_8));
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
     * The web service's runtime closure, {@code group:artifact} to version. A verbose tree expands
     * each artifact once and shows later occurrences as "omitted for duplicate": those are followed
     * to where they are expanded.
     */
    static Map<String, String> closure(List<String> lines) {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        String root = null;
        for (String line : lines) {
            Matcher coordinate = COORDINATE.matcher(line);
            if (depth(line) == 0) {
                path.clear();
                path.add("(project)"); // the shell itself, whose line has no scope
                continue;
            }
            if (!coordinate.find()) {
                continue;
            }
            String ga = coordinate.group(1) + ":" + coordinate.group(2);
            int depth = depth(line);
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            String scope = coordinate.group(6);
            boolean wanted = (scope.equals("compile") || scope.equals("runtime")) && !line.contains("(optional");
            if (wanted && !path.isEmpty()) {
                children.computeIfAbsent(path.get(path.size() - 1), k -> new ArrayList<>()).add(ga);
            }
            if (!line.contains("omitted for") && wanted) {
                if (coordinate.group(4) != null || !coordinate.group(3).equals("jar")) {
                    throw new IllegalStateException("the user data handles plain jars only: " + line);
                }
                versions.putIfAbsent(ga, coordinate.group(5));
            }
            if (depth == 1 && line.contains(WEBAPP)) {
                root = ga;
            }
            path.add(ga);
        }
        if (root == null) {
            throw new IllegalStateException(WEBAPP + " is not in the dependency tree");
        }
        Map<String, String> closure = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(children.getOrDefault(root, List.of()));
        for (int i = 0; i < queue.size(); i++) {
            String ga = queue.get(i);
            if (!closure.containsKey(ga) && versions.containsKey(ga)) {
                closure.put(ga, versions.get(ga));
                queue.addAll(children.getOrDefault(ga, List.of()));
            }
        }
        return closure;
    }

    private static int depth(String line) {
        int i = 0;
        while (i < line.length() && "|+\\- ".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i / 3;
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
