package org.socialmaturity.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * The gateway's own failures as {@code application/problem+json}, in the shape the services use: type, title,
 * status, detail, instance, requestId and, for validation, violations of {@code {field, message}}.
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    public record Violation(String field, String message) {
    }

    public static Buffer body(int status, String type, String title, String detail, String instance,
                              String requestId, List<Violation> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("requestId", requestId);
        if (!violations.isEmpty()) {
            body.put("violations", violations.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return Json.encodeToBuffer(body);
    }

    /** Ends the response with the problem, unless something has already been sent. */
    public static void send(HttpServerResponse response, String path, String requestId, int status, String type,
                            String title, String detail) {
        send(response, path, requestId, status, type, title, detail, List.of());
    }

    public static void send(HttpServerResponse response, String path, String requestId, int status, String type,
                            String title, String detail, List<Violation> violations) {
        if (response.headWritten() || response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", PROBLEM_JSON)
                .putHeader(CorrelationId.HEADER, requestId)
                .end(body(status, type, title, detail, path, requestId, violations));
    }
}
