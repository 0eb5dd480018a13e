package awslab.i18n;

import java.util.Locale;
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
}
