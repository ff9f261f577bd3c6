package org.socialmaturity.web;

import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.Page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a partner puts in a query parameter, its parser answers a value in range or an {@link ApiProblem} that
 * names the parameter with a 400, which the services send as {@code application/problem+json}; never another
 * exception, which would be a 500.
 */
class QueryParametersPropertyTest {

    @Property(tries = 3000)
    void anInstantIsInTheYearsAStoreCanHoldOrRefusedNamingTheParameter(@ForAll("instants") String raw) {
        try {
            Instant parsed = Instants.parameter("from", raw);
            if (parsed != null) {
                assertFalse(parsed.isBefore(Instants.EARLIEST), raw);
                assertFalse(parsed.isAfter(Instants.LATEST), raw);
                // What the read models do with it must not overflow either.
                parsed.toEpochMilli();
            }
        } catch (ApiProblem problem) {
            assertRefused(problem, "from");
        }
    }

    @Property(tries = 3000)
    void aPageIsInRangeOrRefusedNamingTheParameter(@ForAll("wholeNumbers") String page,
                                                   @ForAll("wholeNumbers") String size) {
        try {
            Page.Request request = Page.Request.parse(page, size);
            assertTrue(request.page() >= 0 && request.size() >= 1 && request.size() <= Page.MAX_SIZE);
            assertTrue(request.offset() >= 0, "the offset must not overflow");
        } catch (ApiProblem problem) {
            assertEquals(400, problem.status());
            assertTrue(problem.violations().stream().allMatch(v -> v.field().equals("page") || v.field().equals("size")));
        }
    }

    @Property(tries = 3000)
    void aLanguageIsChosenOrTheLangParameterRefused(@ForAll("languageTags") String lang,
                                                    @ForAll("acceptLanguages") String acceptLanguage) {
        try {
            assertTrue(LanguageNegotiation.choose(lang, acceptLanguage) != null);
        } catch (ApiProblem problem) {
            assertRefused(problem, "lang");
        }
    }

    private static void assertRefused(ApiProblem problem, String parameter) {
        assertEquals(400, problem.status());
        assertEquals(parameter, problem.violations().get(0).field());
    }

    @Provide
    Arbitrary<String> instants() {
        Arbitrary<String> anywhereJavaCanParse = Arbitraries.longs()
                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .map(seconds -> Instant.ofEpochSecond(seconds).toString());
        Arbitrary<String> nearTheEdges = Arbitraries.of("0000-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z", "2026-02-30T00:00:00Z", "2026-11-23T10:00:00+01:00",
                "2026-11-23T10:00:00", "2026-11-23", " 2026-11-23T10:00:00Z ", "", " ");
        return Arbitraries.oneOf(anywhereJavaCanParse, nearTheEdges, Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789-+:TZ.").ofMaxLength(32));
    }

    @Provide
    Arbitrary<String> wholeNumbers() {
        return Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12), Arbitraries.just(null),
                Arbitraries.of("1e3", "0x10", "1.5", "-0", "+5", " 7 ", "", "٣"));
    }

    @Provide
    Arbitrary<String> languageTags() {
        return Arbitraries.oneOf(Arbitraries.of("en", "es", "EN", " es ", "fr", "es-ES", "", "*"),
                Arbitraries.strings().ofMaxLength(20), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> acceptLanguages() {
        return Arbitraries.oneOf(Arbitraries.of("es-ES,es;q=0.9,en;q=0.8", "en;q=abc", "es;q=", ";;;", ",,", "*;q=1e309",
                        "en;q=-1", "es;q=NaN"),
                Arbitraries.strings().withChars("enstfr-;q=0.,* 19").ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.just(null));
    }
}
