package awslab.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The two languages of the shell and its course. */
public enum Language {
    FR(Locale.FRENCH),
    EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The code users type ({@code fr}, {@code en}) and files are named by. */
    public String code() {
        return locale.getLanguage();
    }

    /** Parses a user's {@code fr}/{@code en} (any case, also {@code fr_FR}); empty when unknown. */
    public static Optional<Language> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (lower.equals(language.code()) || lower.startsWith(language.code() + "_")
                    || lower.startsWith(language.code() + "-")) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** French for a French system locale, English otherwise. */
    public static Language fromLocale(Locale locale) {
        return "fr".equals(locale.getLanguage()) ? FR : EN;
    }

    /** The variables that name the user's language, strongest first, as POSIX reads them for messages. */
    static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_MESSAGES", "LANG");

    /**
     * The language the environment asks for: the first of {@code LC_ALL}, {@code LC_MESSAGES},
     * {@code LANG} that is set, read as text — so {@code LANG=fr_FR.UTF-8} gives French even on a
     * machine where that locale is not installed (the JVM then falls back to "C" and would say
     * English). {@code C} and {@code POSIX} are English. With none set (Windows, some IDEs), the
     * JVM's locale decides.
     */
    public static Language fromEnvironment(Map<String, String> env, Locale jvmLocale) {
        for (String variable : LOCALE_VARIABLES) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return parse(value).orElse(EN);
            }
        }
        return fromLocale(jvmLocale);
    }
}
