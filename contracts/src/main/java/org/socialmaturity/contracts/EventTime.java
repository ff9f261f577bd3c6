package org.socialmaturity.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The instant stamped into an event. Millisecond precision, because MongoDB dates hold no more: an instant then
 * reads back identical from an event, a read model or an export.
 */
public final class EventTime {

    private EventTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
