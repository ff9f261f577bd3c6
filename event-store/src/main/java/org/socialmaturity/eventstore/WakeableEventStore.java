package org.socialmaturity.eventstore;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose waiting tracking readers can be woken from outside: Axon wakes them after this
 * process's own appends only, and {@link CommitWatcher} learns of other processes' appends.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** New events were committed elsewhere: readers waiting at the head fetch now. */
    public void newEventsCommitted() {
        afterCommit(List.of());
    }
}
