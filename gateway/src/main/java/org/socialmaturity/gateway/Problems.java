package org.socialmaturity.gateway;

import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CorrelationId;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * Writes the gateway's own refusals on its Vert.x routes (the proxy, the guards before it), in the one problem shape
 * ({@link ApiProblem#body}); its Quarkus REST resources answer through the shared mappers instead.
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    /** The request's correlation id: the caller's when it is a plain token, otherwise a new one. */
    public static String requestId(HttpServerRequest request) {
        return CorrelationId.orNew(request.getHeader(CorrelationId.HEADER));
    }

    public static Buffer body(ApiProblem problem, String instance, String requestId) {
        return Json.encodeToBuffer(problem.body(instance, requestId));
    }

    /** Answers a 429 (or other) problem telling the caller when to come back. */
    public static void refuseUntil(HttpServerRequest request, String requestId, long retryAfterSeconds,
                                   ApiProblem problem) {
        request.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        refuse(request, requestId, problem);
    }

    /**
     * Answers a request with the problem. A body not read yet is drained first, so that the connection stays usable
     * for the caller's next request; nothing is written if an answer has already begun.
     */
    public static void refuse(HttpServerRequest request, String requestId, ApiProblem problem) {
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
