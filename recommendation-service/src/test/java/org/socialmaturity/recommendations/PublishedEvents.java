package org.socialmaturity.recommendations;

import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Events the other services would have stored, published to the store the service reads, as those services do. */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** The event as number {@code sequence} of its aggregate, with a request's correlation id. */
    public static void publish(EventStore store, String aggregateId, long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>("Test", aggregateId, sequence, payload)
                .andMetaData(Map.of("correlationId", "req-" + UUID.randomUUID())));
    }
}
