package org.socialmaturity.contracts.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule of the domain that a command or a query broke. The domain knows no HTTP: it says what kind of refusal this is
 * and, for the caller, a short code, a title and the details; the edge of each service turns it into a problem.
 */
public abstract class DomainException extends RuntimeException {

    /** What the refusal means for the caller. */
    public enum Kind {
        /** The input breaks a rule; the same input will always be refused. */
        INVALID,
        /** Nothing with that id exists for the caller. */
        NOT_FOUND,
        /** The input is fine but the state of what it addresses refuses it. */
        CONFLICT
    }

    private final Kind kind;
    private final String code;
    private final String title;
    private final Map<String, Object> details = new LinkedHashMap<>();

    protected DomainException(Kind kind, String code, String title, String detail) {
        // No stack trace: a refusal is an answer, not a failure, and is thrown on every bad request.
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable name of the refusal, such as {@code assessment-closed}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The fields at fault and the rules they broke; empty when no field is. */
    public List<BrokenRule> brokenRules() {
        return List.of();
    }

    /** What else the caller needs to act, such as the questions still unanswered. */
    public Map<String, Object> details() {
        return Map.copyOf(details);
    }

    /** Adds a detail, such as the questions still unanswered. */
    public DomainException with(String name, Object value) {
        details.put(name, value);
        return this;
    }
}
