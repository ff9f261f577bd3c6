package org.socialmaturity.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
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

    /** A problem before it is written: the parts that do not depend on the request. */
    public record Problem(int status, String type, String title, String detail, List<Violation> violations) {

        public Problem(int status, String type, String title, String detail) {
            this(status, type, title, detail, List.of());
        }

        public static Problem invalid(List<Violation> violations) {
            return new Problem(400, "validation", "The request is invalid", violations.size() == 1
                    ? violations.get(0).field() + " " + violations.get(0).message()
                    : violations.size() + " fields are invalid", violations);
        }

        public static Problem notFound(String title, String detail) {
            return new Problem(404, "not-found", title, detail);
        }

        public static Problem unauthorized(String detail) {
            return new Problem(401, "unauthorized", "Not authenticated", detail);
        }
    }

    public static Buffer body(Problem problem, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        body.put("requestId", requestId);
        if (!problem.violations().isEmpty()) {
            body.put("violations", problem.violations().stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return Json.encodeToBuffer(body);
    }

    /**
     * Answers a request with the problem. A body not read yet is drained first, so that the connection stays usable
     * for the caller's next request; nothing is written if an answer has already begun.
     */
    /** Answers a 429 (or other) problem telling the caller when to come back. */
    public static void refuseUntil(HttpServerRequest request, String requestId, long retryAfterSeconds,
                                   Problem problem) {
        request.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        refuse(request, requestId, problem);
    }

    public static void refuse(HttpServerRequest request, String requestId, Problem problem) {
        if (!request.isEnded()) {
            request.handler(ignored -> {
            });
            request.resume();
        }
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.ended()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", PROBLEM_JSON)
                .putHeader(CorrelationId.HEADER, requestId)
                .end(body(problem, request.path(), requestId));
    }
}
