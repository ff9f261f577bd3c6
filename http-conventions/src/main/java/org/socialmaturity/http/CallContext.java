package org.socialmaturity.http;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling and under which correlation id, for the request being served. Filled by
 * {@link CallContextFilter} from {@code X-Partner-Id}, {@code X-Actor} and {@code X-Request-Id}.
 */
@RequestScoped
public class CallContext {

    private String partnerId;
    private String actor;
    private String requestId;

    void set(String partnerId, String actor, String requestId) {
        this.partnerId = partnerId;
        this.actor = actor;
        this.requestId = requestId;
    }

    /** The partner whose data this request may see; every query and command is scoped to it. */
    public String partnerId() {
        if (partnerId == null) {
            throw ApiProblem.unauthorized("The request names no partner (X-Partner-Id)");
        }
        return partnerId;
    }

    /** Who did it, as the partner portal names its user; the partner itself when it names nobody. */
    public String actor() {
        return actor != null ? actor : "partner:" + partnerId();
    }

    public String requestId() {
        return requestId;
    }
}
