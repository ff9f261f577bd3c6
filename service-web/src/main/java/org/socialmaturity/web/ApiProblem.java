package org.socialmaturity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, answered as {@code application/problem+json} (RFC 9457). Domain code throws it;
 * {@link ProblemMappers} writes it.
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
}
