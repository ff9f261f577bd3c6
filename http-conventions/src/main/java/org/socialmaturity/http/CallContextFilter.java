package org.socialmaturity.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads the caller headers into {@link CallContext} and echoes the correlation id. A request id that is not a
 * short, plain token is replaced rather than trusted, so it can go into logs and CSV exports safely.
 */
@Provider
@PreMatching
public class CallContextFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String PARTNER_ID = "X-Partner-Id";
    public static final String ACTOR = "X-Actor";
    private static final int MAX_ACTOR_LENGTH = 200;

    private final CallContext context;

    public CallContextFilter(CallContext context) {
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String requestId = CorrelationId.orNew(request.getHeaderString(CorrelationId.HEADER));
        CorrelationId.recordOnSpan(requestId);
        context.set(null, null, requestId);
        String partnerId = request.getHeaderString(PARTNER_ID);
        if (partnerId != null && !CorrelationId.isToken(partnerId)) {
            throw ApiProblem.invalid(PARTNER_ID, CorrelationId.TOKEN_RULE);
        }
        String actor = request.getHeaderString(ACTOR);
        if (actor != null) {
            actor = actor.strip();
            if (actor.isEmpty() || actor.length() > MAX_ACTOR_LENGTH || actor.chars().anyMatch(Character::isISOControl)) {
                throw ApiProblem.invalid(ACTOR, "must be 1-" + MAX_ACTOR_LENGTH + " characters without control characters");
            }
        }
        context.set(partnerId, actor, requestId);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(CorrelationId.HEADER, context.requestId());
    }
}
