package org.socialmaturity.web;

import org.socialmaturity.http.ApiProblem;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

import org.socialmaturity.contracts.questionnaire.Language;

/** Picks the language of a response: {@code ?lang=} if given (and then it must be supported), else Accept-Language. */
public final class LanguageNegotiation {

    private LanguageNegotiation() {
    }

    public static Language choose(String langParameter, String acceptLanguage) {
        if (langParameter != null) {
            return Language.fromTag(langParameter).filter(l -> l.code().equalsIgnoreCase(langParameter.strip()))
                    .orElseThrow(() -> ApiProblem.invalid("lang", "must be one of en, es"));
        }
        if (acceptLanguage == null) {
            return Language.DEFAULT;
        }
        return Arrays.stream(acceptLanguage.split(","))
                .map(LanguageNegotiation::weighted)
                .flatMap(Optional::stream)
                .filter(w -> w.quality() > 0)
                .max(Comparator.comparingDouble(Weighted::quality))
                .map(Weighted::language)
                .orElse(Language.DEFAULT);
    }

    private static Optional<Weighted> weighted(String range) {
        // The limit keeps empty parts: ";;" splits into three, never into none.
        String[] parts = range.split(";", -1);
        double quality = 1.0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=")) {
                try {
                    quality = Double.parseDouble(p.substring(2));
                    // RFC 9110 weights run from 0 to 1; anything else (NaN, 1e309, -1) is ignored like a malformed one.
                    if (!(quality >= 0 && quality <= 1)) {
                        quality = 0;
                    }
                } catch (NumberFormatException e) {
                    quality = 0;
                }
            }
        }
        double q = quality;
        return Language.fromTag(parts[0]).map(l -> new Weighted(l, q));
    }

    private record Weighted(Language language, double quality) {
    }
}
