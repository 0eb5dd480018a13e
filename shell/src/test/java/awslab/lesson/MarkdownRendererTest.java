package awslab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: {@code markdown/NAME.md} renders to {@code NAME.plain.txt} without colours and
 * to {@code NAME.ansi.txt} with them (escape shown as {@code \e}). Adding a case is adding files.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change.
 */
class MarkdownRendererTest {

    @ParameterizedTest
    @ValueSource(strings = {"lesson"})
    void rendersLikeTheGoldenFiles(String name) {
        String markdown = resource(name + ".md");
        check(name + ".plain.txt", new MarkdownRenderer(false).render(markdown));
        check(name + ".ansi.txt", new MarkdownRenderer(true).render(markdown).replace("\u001b", "\\e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrapped"})
    void wrapsParagraphsListsAndQuotesButNeverCode(String name) {
        String markdown = resource(name + ".md");
        check(name + ".plain.txt", new MarkdownRenderer(false, 40).render(markdown));
        check(name + ".ansi.txt", new MarkdownRenderer(true, 40).render(markdown).replace("\u001b", "\\e"));
    }

    private static void check(String golden, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.writeString(Path.of("src/test/resources/markdown", golden), actual + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(resource(golden).stripTrailing(), actual, golden);
    }

    private static String resource(String name) {
        try (InputStream in = MarkdownRendererTest.class.getResourceAsStream("/markdown/" + name)) {
            if (in == null) {
                throw new AssertionError("missing golden file src/test/resources/markdown/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
