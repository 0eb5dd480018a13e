package awslab.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every user-facing string of the shell, in one language.
 *
 * <p>The texts live in {@code i18n/AREA_LANG.properties} (UTF-8), one file per area so that
 * each concern owns its keys; keys are namespaced like JShell's ({@code help.launch.summary},
 * {@code msg.*}, {@code err.*}). Values are {@link MessageFormat} patterns.
 *
 * <pre>
 * Messages fr = Messages.load(Language.FR);
 * out.println(fr.get("msg.instance.launched", "i-0abc"));
 * </pre>
 */
public final class Messages {
    /** The areas, each an {@code i18n/AREA_fr.properties} and {@code i18n/AREA_en.properties}. */
    public static final List<String> AREAS = List.of("shell", "java", "lab", "ssh", "fleet", "lesson", "sandbox", "doctor");

    private final Language language;
    private final Map<String, String> texts;

    private Messages(Language language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
    }

    public static Messages load(Language language) {
        Map<String, String> texts = new TreeMap<>();
        for (String area : AREAS) {
            texts.putAll(read(area, language));
        }
        return new Messages(language, Collections.unmodifiableMap(texts));
    }

    /** The keys and texts of one area file, for the bundle-completeness test. */
    static Map<String, String> read(String area, Language language) {
        String resource = "/i18n/" + area + "_" + language.code() + ".properties";
        Map<String, String> texts = new TreeMap<>();
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                return texts; // an area may not have texts yet; the completeness test compares both languages
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            properties.stringPropertyNames().forEach(k -> texts.put(k, properties.getProperty(k)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return texts;
    }

    public Language language() {
        return language;
    }

    /** The text of {@code key} with {@code args} filled in; a missing key shows as {@code !key!}. */
    public String get(String key, Object... args) {
        String pattern = texts.get(key);
        if (pattern == null) {
            return "!" + key + "!";
        }
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, language.locale()).format(args);
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    /** The same texts as a {@link ResourceBundle}, for picocli's usage help. */
    public ResourceBundle asResourceBundle() {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return texts.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(texts.keySet());
            }
        };
    }
}
