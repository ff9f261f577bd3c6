package org.socialmaturity.contracts.questionnaire;

import java.util.Locale;
import java.util.Optional;

/** The languages every text of the platform is written in. English is the default. */
public enum Language {
    EN,
    ES;

    public static final Language DEFAULT = EN;

    /** Parses "en", "es", "es-ES", "EN"...; empty when the tag names no supported language. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.trim().split("[-_;]", 2)[0].toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code().equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
