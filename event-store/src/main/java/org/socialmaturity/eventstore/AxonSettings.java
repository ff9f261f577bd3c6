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

    /**
     * How often the process asks the store whether another process appended, to wake its tracking readers at once
     * ({@link CommitWatcher}); 0 leaves them to their {@code fetch-delay} poll.
     */
    @WithDefault("10ms")
    Duration commitProbeInterval();

    /** Identifies this replica in token claims; must be stable for a pod and unique across replicas. */
    String nodeId();

    /** After this long without a heartbeat, another replica may take over a segment's claim. */
    @WithDefault("10s")
    Duration claimTimeout();

    Processor processor();

    DeadLetters deadLetters();

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

    /**
     * An event whose handler fails is parked in its processor's dead-letter queue, with every later event of the same
     * company behind it, and retried with doubling back-off until it succeeds or runs out of automatic attempts; then
     * it waits for the operator.
     */
    interface DeadLetters {
        /** Handling attempts, the first included, before a dead letter waits for the operator. */
        @WithDefault("6")
        int automaticAttempts();

        /** The wait before the first retry; it doubles after every failed attempt. */
        @WithDefault("1s")
        Duration firstRetryAfter();

        @WithDefault("2m")
        Duration longestRetryAfter();

        /**
         * A retry claims its company's sequence for this long, so that replicas do not retry it at the same time; a
         * failed retry keeps the claim until it expires, so it is also the shortest wait between two retries.
         */
        @WithDefault("10s")
        Duration claimDuration();

        /** How often the retrier looks for due letters. */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
