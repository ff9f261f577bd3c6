package org.socialmaturity.recommendations.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event to deliver to one subscription, and every attempt so far. Its id is derived from the event and the
 * subscription, so that handling the event again (a replay, a restart) enqueues nothing new.
 */
public record Delivery(
        String id,
        String subscriptionId,
        String partnerId,
        String eventId,
        String eventType,
        String body,
        Status status,
        Instant createdAt,
        Instant nextAttemptAt,
        List<Attempt> attempts) {

    /** Where a delivery stands: waiting for its next attempt, or finished one way or the other. */
    @Schema(name = "DeliveryStatus")
    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    /** One POST: when, the HTTP status (null when none came back), the error, how long it took. */
    public record Attempt(Instant at, Integer httpStatus, String error, long durationMillis) {
    }
}
