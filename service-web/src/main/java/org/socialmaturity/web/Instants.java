package org.socialmaturity.web;

import org.socialmaturity.http.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants in query parameters: ISO-8601 UTC, such as {@code 2026-11-23T10:00:00Z}, in years 1 to 9999. Java parses
 * instants up to a billion years away, which overflow epoch milliseconds (what MongoDB and the read models keep).
 */
public final class Instants {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Instants() {
    }

    /** @return null when the parameter is absent; @throws ApiProblem naming the parameter when malformed */
    public static Instant parameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(name, "must be an ISO-8601 UTC instant such as 2026-11-23T10:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiProblem.invalid(name, "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return instant;
    }
}
