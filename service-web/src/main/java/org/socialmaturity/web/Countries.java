package org.socialmaturity.web;

import java.util.Locale;
import java.util.Set;

/** Countries as the API names them: ISO 3166-1 alpha-2 codes in upper case, checked alike wherever one is taken. */
public final class Countries {

    public static final String RULE = "must be an ISO 3166-1 alpha-2 code in upper case, such as ES";
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    private Countries() {
    }

    public static boolean isCode(String country) {
        return country != null && CODES.contains(country);
    }
}
