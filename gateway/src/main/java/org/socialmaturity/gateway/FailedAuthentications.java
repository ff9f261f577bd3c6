package org.socialmaturity.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.gateway.routing.TokenBuckets;

import io.vertx.core.http.HttpServerRequest;

/**
 * Throttles guessing: each failed authentication costs a token of the caller's address (a burst, then a slow
 * refill); an address without tokens is answered 429 before any key it sends is looked at, so it can neither guess
 * on nor make the gateway look keys up. Per replica. Behind an Ingress the address is the client's only when the
 * gateway trusts the proxy's forwarded headers from the proxy alone ({@code PLATFORM_TRUSTED_PROXIES}) and the proxy
 * overwrites them; partners behind one address share its budget (docs/operations.md, "Security").
 */
@ApplicationScoped
public class FailedAuthentications {

    private final TokenBuckets buckets;

    FailedAuthentications(GatewaySettings settings) {
        this.buckets = new TokenBuckets(settings.failedAuthentication().capacity(),
                settings.failedAuthentication().perSecond());
    }

    /**
     * Spends a token of the caller's address for the authentication about to be tried, or answers 429 when none is
     * left (and returns true). A token is spent before the key is looked at, so that requests sent together cannot all
     * be tried on one token; {@link #succeeded} gives it back.
     */
    public boolean refusedAsThrottled(HttpServerRequest request, String requestId) {
        TokenBuckets.Decision decision = buckets.take(address(request));
        if (decision.allowed()) {
            return false;
        }
        Problems.refuseUntil(request, requestId, decision.retryAfterSeconds(), new ApiProblem(429, "too-many-failed-authentications",
                "Too many failed authentications", "Too many requests from this address failed to authenticate; "
                + "retry after " + decision.retryAfterSeconds() + " s"));
        return true;
    }

    /** The authentication tried succeeded: its token goes back to the address. */
    public void succeeded(HttpServerRequest request) {
        buckets.refund(address(request));
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
