package org.socialmaturity.eventstore;

import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/** The platform's way to event-source an aggregate: snapshots past a configured event count, and a cache. */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * Snapshotted once loading it reads {@code platform.axon.snapshot-threshold} events, and cached in memory: a
     * cached aggregate that another replica changed meanwhile fails its append with a concurrency conflict, is
     * evicted on rollback, and the command is retried on a fresh load (see {@code ConflictRetryScheduler}).
     */
    public static <A> AggregateConfigurer<A> eventSourced(Class<A> type, AxonSettings settings) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        settings.snapshotThreshold()))
                .configureCache(c -> new WeakReferenceCache());
    }
}
