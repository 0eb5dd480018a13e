package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that writes what the user data carries ({@code src/build/WebappBundle.java}),
 * run as the build runs it, on a dependency tree in the JSON that the dependency plugin writes.
 */
class WebappBundleTest {
    private static final Path BUNDLE = Path.of("src/build/WebappBundle.java");

    @TempDir
    Path dir;

    @Test
    void listsTheWebServicesRuntimeClosureWithEachJarsSha256() throws Exception {
        String tree = shell(node("org.example", "shell-only", "1.0", "compile", "false"), node("dev.awslab", "awslab-sandbox",
                "0.1.0-SNAPSHOT", "compile", "false", webapp(node("org.example", "server", "0.9", "compile", "false"))), webapp(
                node("org.example", "server", "1.0", "compile", "false",
                        node("org.example", "util", "2.0", "runtime", "false",
                                node("org.example", "tests-only", "1.0", "test", "false")),
                        node("org.example", "annotations", "1.0", "compile", "true")),
                node("org.example", "container", "1.0", "provided", "false"),
                node("org.example", "util", "2.0", "compile", "false")));
        jar("org.example", "server", "1.0", "server bytes");
        jar("org.example", "util", "2.0", "util bytes");

        UserDataTest.Result run = bundle(tree);

        assertEquals(0, run.code(), run.output());
        assertEquals("org.example:server:1.0\t" + sha256("server bytes") + "\n"
                + "org.example:util:2.0\t" + sha256("util bytes") + "\n",
                Files.readString(dir.resolve("out/dependencies.tsv")),
                "compile and runtime, once each; not test, provided, optional, nor the shell's own; the nearest web service");
        assertEquals("-Xmx32m -XX:+UseSerialGC\n", Files.readString(dir.resolve("out/jvm.options")));
        assertEquals("p/App.java\n", Files.readString(dir.resolve("out/sources.list")));
        assertEquals("package p;\nclass App {\nString s = \"// kept\";\n}\n", Files.readString(dir.resolve("out/sources/p/App.java")));
    }

    @Test
    void refusesTwoVersionsOfOneArtifactAnythingButAPlainJarAndATreeWithoutTheWebService() throws Exception {
        jar("org.example", "util", "1.0", "old");
        jar("org.example", "util", "2.0", "new");
        UserDataTest.Result conflict = bundle(shell(webapp(node("org.example", "util", "1.0", "compile", "false"),
                node("org.example", "util", "2.0", "compile", "false"))));
        assertNotEquals(0, conflict.code());
        assertTrue(conflict.output().contains("two versions of org.example:util: 1.0 and 2.0"), conflict.output());

        UserDataTest.Result zip = bundle(shell(webapp(node("org.example", "util", "1.0", "compile", "false")
                .replace("\"type\": \"jar\"", "\"type\": \"zip\""))));
        assertNotEquals(0, zip.code());
        assertTrue(zip.output().contains("plain jars only, not org.example:util:1.0 (zip"), zip.output());

        UserDataTest.Result none = bundle("{\"groupId\": \"dev.awslab\", \"artifactId\": \"awslab-shell\", \"children\": []}");
        assertNotEquals(0, none.code());
        assertTrue(none.output().contains("dev.awslab:awslab-webapp: is not in the dependency tree"), none.output());
    }

    private UserDataTest.Result bundle(String tree) throws Exception {
        assertTrue(Files.isRegularFile(BUNDLE), "run from the shell module's directory, as Maven does");
        Path webapp = dir.resolve("webapp");
        Files.createDirectories(webapp.resolve("src/main/java/p"));
        Files.writeString(webapp.resolve("src/main/java/p/App.java"), "package p;\n/** doc */\nclass App {\n    String s = \"// kept\"; // dropped\n}\n");
        Files.writeString(webapp.resolve("jvm.options"), "# flags\n-Xmx32m\n-XX:+UseSerialGC # why\n");
        Path json = dir.resolve("tree.json");
        Files.writeString(json, tree);
        return UserDataTest.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), BUNDLE.toString(),
                json.toString(), dir.resolve("repository").toString(), webapp.toString(), dir.resolve("out").toString()),
                "a JDK runs the build step");
    }

    private void jar(String group, String artifact, String version, String content) throws Exception {
        Path file = dir.resolve("repository").resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** The shell's tree with these children. */
    private static String shell(String... children) {
        return "{\"groupId\": \"dev.awslab\", \"artifactId\": \"awslab-shell\", \"version\": \"0.1.0-SNAPSHOT\", \"type\": \"jar\", "
                + "\"scope\": \"\", \"classifier\": \"\", \"optional\": \"false\", \"children\": [" + String.join(",", children) + "]}";
    }

    private static String webapp(String... children) {
        return node("dev.awslab", "awslab-webapp", "0.1.0-SNAPSHOT", "compile", "false", children);
    }

    /** A node as the plugin writes it (its booleans are strings). */
    private static String node(String group, String artifact, String version, String scope, String optional, String... children) {
        return "{\n  \"groupId\": \"" + group + "\",\n  \"artifactId\": \"" + artifact + "\",\n  \"version\": \"" + version
                + "\",\n  \"type\": \"jar\",\n  \"scope\": \"" + scope + "\",\n  \"classifier\": \"\",\n  \"optional\": \"" + optional
                + "\"" + (children.length == 0 ? "" : ",\n  \"children\": [" + String.join(",", children) + "]") + "\n}";
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
