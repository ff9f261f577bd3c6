package org.socialmaturity.eventstore;

import org.axonframework.eventhandling.TrackingToken;

/** The global index of the event a tracking token points at: what projections key their idempotency on. */
public final class GlobalIndex {

    private GlobalIndex() {
    }

    public static long of(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("a token without position: " + token));
    }
}
