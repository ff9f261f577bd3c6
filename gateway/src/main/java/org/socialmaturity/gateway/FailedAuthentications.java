package org.socialmaturity.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialmaturity.gateway.Problems.Problem;
import org.socialmaturity.gateway.routing.TokenBuckets;

import io.vertx.core.http.HttpServerRequest;

/**
 * Throttles guessing: each failed authentication spends a token of the caller's address (a burst, then a slow
 * refill); an address without tokens is answered 429 before any key it sends is looked at, so it can neither guess
 * on nor make the gateway look keys up. Behind an Ingress the address is the client's only when the gateway trusts
 * the proxy's forwarded headers ({@code quarkus.http.proxy.*}, see the README).
 */
@ApplicationScoped
public class FailedAuthentications {

    private final TokenBuckets buckets;

    FailedAuthentications(GatewaySettings settings) {
        this.buckets = new TokenBuckets(settings.failedAuthentication().capacity(),
                settings.failedAuthentication().perSecond());
    }

    /** Answers 429 when the caller's address failed too often lately; returns whether it did. */
    public boolean refusedAsThrottled(HttpServerRequest request, String requestId) {
        TokenBuckets.Decision decision = buckets.peek(address(request));
        if (decision.allowed()) {
            return false;
        }
        request.response().putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
        Problems.refuse(request, requestId, new Problem(429, "too-many-failed-authentications",
                "Too many failed authentications", "Too many requests from this address failed to authenticate; "
                + "retry after " + decision.retryAfterSeconds() + " s"));
        return true;
    }

    /** Records that a request from this address failed to authenticate. */
    public void failed(HttpServerRequest request) {
        buckets.take(address(request));
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
