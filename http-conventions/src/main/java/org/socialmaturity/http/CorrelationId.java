package org.socialmaturity.http;

import java.util.UUID;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;

/**
 * {@code X-Request-Id} end to end: the caller's, when it is a short plain token, otherwise a new one. The gateway passes
 * it to the service, both send it back, and every problem and event carries it. A token is safe in logs and CSV cells.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";

    /** The attribute of a request's span that holds its id, so that a trace is found by the id a partner quotes. */
    public static final String SPAN_ATTRIBUTE = "platform.request_id";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    /** What a token may hold, for a problem that refuses one. */
    public static final String TOKEN_RULE = "must be 1-128 letters, digits or ._:@/+=-";

    private CorrelationId() {
    }

    /** The caller's id when it is a token, otherwise a new one. */
    public static String orNew(String given) {
        return isToken(given) ? given : UUID.randomUUID().toString();
    }

    /** Puts the id on the current span (the request's, when tracing is on; nothing otherwise). */
    public static void recordOnSpan(String requestId) {
        Span.current().setAttribute(SPAN_ATTRIBUTE, requestId);
    }

    public static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }
}
