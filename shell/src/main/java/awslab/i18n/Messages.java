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
 * {@code msg.*}, {@code err.*}). Values are {@link MessageFormat} patterns (see
 * {@code i18n/README.md} for the conventions: apostrophes, plurals, numbers and units).
 *
 * <pre>
 * Messages fr = Messages.load(Language.FR);
 * out.println(fr.get("msg.instance.launched", "i-0abc"));
 * </pre>
 */
public final class Messages {
    /** The areas, each an {@code i18n/AREA_fr.properties} and {@code i18n/AREA_en.properties}. */
    public static final List<String> AREAS = List.of("shell", "java", "aws", "lab", "ssh", "fleet", "lesson", "sandbox", "doctor");

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

    /**
     * The text of {@code key} with {@code args} filled in; a missing key shows as {@code !key!}.
     * Every text goes through {@link MessageFormat}, with or without arguments, so that one
     * convention holds everywhere: the bundles write the apostrophe ’ and never a quote.
     */
    public String get(String key, Object... args) {
        String pattern = texts.get(key);
        if (pattern == null) {
            return "!" + key + "!";
        }
        return new MessageFormat(pattern, language.locale()).format(localized(args));
    }

    /** AWS’s word in the user’s language, alone and short ({@code aws.<kind>.<value>.short} if any): for table cells. */
    public String word(AwsWord word) {
        return has(word.key() + ".short") ? get(word.key() + ".short") : translated(word);
    }

    private String translated(AwsWord word) {
        return has(word.key()) ? get(word.key()) : word.value();
    }

    /** AWS’s word as a sentence shows it: translated, with AWS’s own word beside it where that helps. */
    String inSentence(AwsWord word) {
        String translated = translated(word);
        if (AwsWord.RESOURCE_KIND.equals(word.kind()) || !texts.containsKey(word.key())) {
            return translated;
        }
        return get("aws.beside", translated, word.value());
    }

    private Object[] localized(Object[] args) {
        Object[] shown = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof AwsWord word) {
                if (shown == args) {
                    shown = args.clone();
                }
                shown[i] = inSentence(word);
            }
        }
        return shown;
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
                return texts.containsKey(key) ? get(key) : null;
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(texts.keySet());
            }
        };
    }
}
