package org.socialmaturity.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.rules.DomainException;

/**
 * A failure the caller can act on, answered as {@code application/problem+json} (RFC 9457). Resources, filters and the
 * gateway throw or write it; domain code throws a {@link DomainException}, which {@link #of(DomainException)} turns into
 * one at the edge. {@link #body} is the one shape every problem of the platform has.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(int status, String type, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ApiProblem invalid(List<Violation> violations) {
        return new ApiProblem(400, "validation", "The request is invalid",
                violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                        : violations.size() + " fields are invalid", violations);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "not-found", what + " not found", "No " + what.toLowerCase() + " " + id,
                List.of());
    }

    public static ApiProblem conflict(String type, String title, String detail) {
        return new ApiProblem(409, type, title, detail, List.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Not authenticated", detail, List.of());
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of());
    }

    /** The problem a refusal of the domain is for its caller. */
    public static ApiProblem of(DomainException refusal) {
        int status = switch (refusal.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
        ApiProblem problem = new ApiProblem(status, refusal.code(), refusal.title(), refusal.getMessage(),
                refusal.brokenRules().stream().map(rule -> new Violation(rule.field(), rule.rule())).toList());
        refusal.details().forEach(problem::with);
        return problem;
    }

    /** Adds a member to the problem body, such as the list of missing questions. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return Map.copyOf(extensions);
    }

    /**
     * The problem as it is sent: type, title, status, detail, instance (the request's path), requestId, violations
     * when there are any, and the extensions.
     */
    public Map<String, Object> body(String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("instance", instance);
        body.put("requestId", requestId);
        if (!violations.isEmpty()) {
            body.put("violations", violations);
        }
        body.putAll(extensions);
        return body;
    }
}
