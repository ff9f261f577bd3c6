package org.socialmaturity.recommendations.webhook;

import java.time.Instant;
import java.util.List;

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
        String status,
        Instant createdAt,
        Instant nextAttemptAt,
        List<Attempt> attempts) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** One POST: when, the HTTP status (null when none came back), the error, how long it took. */
    public record Attempt(Instant at, Integer httpStatus, String error, long durationMillis) {
    }
}
