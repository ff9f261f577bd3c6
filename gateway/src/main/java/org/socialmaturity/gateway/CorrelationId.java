package org.socialmaturity.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code X-Request-Id} end to end: the caller's, when it is a short plain token (the services accept the same),
 * otherwise a new one. It goes to the service, comes back on the response, and appears in every problem.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private CorrelationId() {
    }

    public static String of(HttpServerRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
