package org.socialmaturity.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants in query parameters: ISO-8601 UTC, such as {@code 2026-11-23T10:00:00Z}. */
public final class Instants {

    private Instants() {
    }

    /** @return null when the parameter is absent; @throws ApiProblem naming the parameter when malformed */
    public static Instant parameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(name, "must be an ISO-8601 UTC instant such as 2026-11-23T10:00:00Z");
        }
    }
}
