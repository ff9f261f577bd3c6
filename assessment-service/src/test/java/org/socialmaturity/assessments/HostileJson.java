package org.socialmaturity.assessments;

import org.socialmaturity.http.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Bodies a hostile or careless partner portal sends, for the parsers' property tests; read as the services read. */
public final class HostileJson {

    /** Configured as the services' mapper is (Quarkus applies {@link StrictJson} to it). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        new StrictJson().customize(MAPPER);
    }

    private HostileJson() {
    }

    /** Objects with members drawn from {@code fields} (and one that is no field), or any other JSON, or not JSON. */
    public static Arbitrary<String> bodies(String... fields) {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(fields), Arbitraries.of("extra", ""));
        Arbitrary<String> member = Combinators.combine(name, values()).as((n, v) -> quoted(n) + ":" + v);
        Arbitrary<String> objects = member.list().ofMaxSize(fields.length + 1)
                .map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, objects),
                net.jqwik.api.Tuple.of(1, values()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    /** Edge numbers, option ids and odd strings, literals, nesting. */
    public static Arbitrary<String> values() {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.of("1e309", "-1e309", "1e308", "4.9e-324", "1e-400", "-0", "0.0", "1E+2", "10000",
                        "10000.0000000000000001", "59.99999999999999999999", "123456789012345678901234567890",
                        "2147483648", "-2147483649", "9223372036854775808", "1e2147483647", "1e-2147483647", "0.5",
                        "7", "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1"),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.bigDecimals().map(String::valueOf));
        Arbitrary<String> strings = Arbitraries.oneOf(
                Arbitraries.of("director", "social-media-manager", "none", "ad-hoc", "ES", "es", "ZZ", "", " ",
                        "a\u0000b", "\u202eevil", "x".repeat(2001), "\uD835\uDD18nicode", "\uD800"),
                Arbitraries.strings().ofMaxLength(30))
                .map(HostileJson::quoted);
        Arbitrary<String> others = Arbitraries.of("null", "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "[[[[]]]]");
        return Arbitraries.oneOf(numbers, strings, others);
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
