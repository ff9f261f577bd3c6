package org.socialmaturity.contracts.rules;

/**
 * Nothing with this id exists for the caller. Another partner's company is reported the same way as one nobody
 * registered, so that ids do not tell whether they exist.
 */
public class NotFound extends DomainException {

    /** Nothing of this kind ({@code Company}, {@code Assessment}) has this id. */
    public NotFound(String what, String id) {
        super(Kind.NOT_FOUND, "not-found", what + " not found", "No " + what.toLowerCase() + " " + id);
    }

    private NotFound(String detail) {
        super(Kind.NOT_FOUND, "not-found", "Not found", detail);
    }

    /** An id that names nothing of any kind the caller may address. */
    public static NotFound anything(String id) {
        return new NotFound("Nothing with id " + id + " exists for this partner");
    }
}
