package org.socialmaturity.eventstore;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service reaches the shared event store and runs its event processors. */
@ConfigMapping(prefix = "platform.axon")
public interface AxonSettings {

    /** The database holding the one event store every service shares. */
    @WithDefault("platform-events")
    String eventDatabase();

    /** The service's own database: its token claims (and its read models). */
    String serviceDatabase();

    /**
     * The most global indexes one tracking query asks for; queries start at 64 and double up to it. On
     * mongo-java-server an {@code $in} costs more per key as it grows: 256 read fastest here (512: 15% slower,
     * 10,000: 3x slower).
     */
    @WithDefault("256")
    int maxReadBatch();

    /** An aggregate is snapshotted once this many events were read to load it. */
    @WithDefault("50")
    int snapshotThreshold();

    /** How long a tracking reader waits before polling the store again when it found nothing new. */
    @WithDefault("100ms")
    Duration fetchDelay();

    /** Identifies this replica in token claims; must be stable for a pod and unique across replicas. */
    String nodeId();

    /** After this long without a heartbeat, another replica may take over a segment's claim. */
    @WithDefault("10s")
    Duration claimTimeout();

    Processor processor();

    /** How often a command that lost an optimistic-concurrency race on its aggregate is retried. */
    @WithDefault("8")
    int commandRetries();

    interface Processor {
        @WithDefault("100")
        int batchSize();

        /** Threads per replica; each claims one segment at a time. */
        @WithDefault("1")
        int threads();

        /** Segments created when a processor first starts; replicas share them. */
        @WithDefault("1")
        int initialSegments();
    }
}
