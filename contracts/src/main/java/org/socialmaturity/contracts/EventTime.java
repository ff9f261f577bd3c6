package org.socialmaturity.contracts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The instant stamped into an event. Millisecond precision, because MongoDB dates hold no more: an instant then
 * reads back identical from an event, a read model or an export.
 */
public final class EventTime {

    private EventTime() {
    }

    /** Now by this clock: aggregates are handed the platform's, tests a fixed one. */
    public static Instant now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
