package awslab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The few texts the sandbox process itself shows a student (an instance's SSH login message and
 * its plain answers to {@code sudo}, {@code apt}…), from the shell's own bundles
 * ({@code i18n/sandbox_fr.properties}, {@code _en}), in the language the SSH client asked for
 * ({@code LANG}, as OpenSSH sends it; awslab's {@code ssh} sends the shell's language).
 *
 * <pre>
 * SandboxTexts texts = SandboxTexts.forLang(System.getenv("LANG")); // fr_FR.UTF-8 → French, else English
 * texts.get("sandbox.motd.exit");
 * </pre>
 */
final class SandboxTexts {
    private static final SandboxTexts FRENCH = load("fr");
    private static final SandboxTexts ENGLISH = load("en");

    private final String language;
    private final Properties texts;

    private SandboxTexts(String language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    /** French for a {@code fr…} locale name ({@code fr_FR.UTF-8}, {@code fr}), English otherwise. */
    static SandboxTexts forLang(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("fr") ? FRENCH : ENGLISH;
    }

    String language() {
        return language;
    }

    /** The text of a key with its arguments; a missing key shows as {@code !key!}, as in the shell. */
    String get(String key, Object... args) {
        String pattern = texts.getProperty(key);
        return pattern == null ? "!" + key + "!" : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(args);
    }

    private static SandboxTexts load(String language) {
        String resource = "/i18n/sandbox_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = SandboxTexts.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new SandboxTexts(language, properties);
    }
}
