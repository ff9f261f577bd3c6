package org.socialmaturity.eventstore.mongo;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.eventstore.mongo.CommitDocument.SerializedEvent;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * An Axon event storage engine on MongoDB whose global sequence has no holes, so that no reader ever skips or waits
 * out an event, and which reads nothing by range. Its parts, by concern:
 * <ul>
 * <li>{@link EventStoreCollections}: the storage layout (collections, indexes, read and write concerns), with
 * {@link CommitDocument} the shape of one stored commit;</li>
 * <li>{@link CommitAppender}: appending, where inserting a commit right after the last one is what claims its global
 * indexes;</li>
 * <li>{@link GlobalStream}: tracking reads in global order, the head, and tokens;</li>
 * <li>{@link AggregateStreams}: one aggregate's events and its snapshot;</li>
 * <li>{@link LegacyStoreMigration}: bringing a store of the earlier, reserving engine to this layout.</li>
 * </ul>
 *
 * <p><b>Optimistic concurrency.</b> A writer appends after reading the whole aggregate, and commits are read whole,
 * so the first sequence number of a new commit is either free or the first of a commit another writer made: the
 * unique stream key of that first event detects every race ({@code ConcurrencyException}, or
 * {@code AggregateStreamCreationException} for a second creation). An append that gives one aggregate version to two
 * of its own events (a sequence number repeated, or going back, within one call) is refused before anything is
 * written, as the same duplicate key. Event identifiers are not indexed and not checked for uniqueness: Axon makes
 * them UUIDs, and the stream key is what is unique.
 *
 * <p><b>Events that are not domain events</b> ({@code GenericEventMessage}) are stored as Axon's other engines store
 * them, as a one-event stream whose aggregate identifier is the event identifier and whose type is null; they read
 * back as plain event messages (see {@link CommitDocument#events}).
 *
 * <p><b>Units of work with several aggregates</b> are stored as one commit per aggregate, one after the other; each
 * commit is atomic, the set is not (MongoDB offers that only with transactions, which the embedded server lacks). The
 * platform's commands each touch one aggregate.
 */
public class GlobalSequenceEventStorageEngine extends AbstractEventStorageEngine {

    private static final int DUPLICATE_KEY = 11000;

    private final GlobalStream stream;
    private final WriteConcern writeConcern;
    private final ReadConcern readConcern;
    private final CommitAppender appender;
    private final AggregateStreams aggregates;
    private final ChainCheck chain;
    private final EventStoreCollections store;

    protected GlobalSequenceEventStorageEngine(Builder builder) {
        super(builder);
        this.writeConcern = builder.writeConcern;
        this.readConcern = builder.readConcern;
        this.store = new EventStoreCollections(builder.database, builder.commitsCollection,
                builder.snapshotsCollection, builder.countersCollection, builder.writeConcern, builder.readConcern);
        this.stream = new GlobalStream(store, builder.maxPage, new Holes(store, builder.clock, builder.holePatience));
        this.appender = new CommitAppender(store, stream, builder.clock, builder.beforeInsert, builder.hashChain);
        this.aggregates = new AggregateStreams(store);
        this.chain = new ChainCheck(store);
        store.ensureIndexes();
        new LegacyStoreMigration(store, builder.clock).migrateIfNeeded();
        stream.startFromHint();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<DomainEventMessage<?>> messages = events.stream()
                .<DomainEventMessage<?>>map(EventUtils::asDomainEventMessage).toList();
        int repeated = firstRepeatedSequence(messages);
        if (repeated >= 0) {
            handlePersistenceException(new DuplicateSequenceException(messages.get(repeated)), messages.get(repeated));
        }
        int offset = 0;
        for (List<SerializedEvent> commit : splitByAggregate(messages.stream().map(m -> serialize(m, serializer)).toList())) {
            try {
                appender.append(commit);
            } catch (MongoException e) {
                handlePersistenceException(e, messages.get(offset));
            }
            offset += commit.size();
        }
    }

    /**
     * The position of the first event whose sequence number is not above every earlier one of its aggregate in the
     * same append (a repeat, or going back), or -1. One commit holds one aggregate's consecutive events and is known
     * by the stream key of its first event only, so such an append would store two events under one aggregate version
     * without a unique key noticing.
     */
    private static int firstRepeatedSequence(List<DomainEventMessage<?>> messages) {
        Map<String, Long> highest = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            DomainEventMessage<?> message = messages.get(i);
            Long before = highest.put(message.getAggregateIdentifier(), message.getSequenceNumber());
            if (before != null && message.getSequenceNumber() <= before) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<SerializedEvent>> splitByAggregate(List<SerializedEvent> events) {
        List<List<SerializedEvent>> result = new ArrayList<>();
        List<SerializedEvent> current = null;
        for (SerializedEvent event : events) {
            if (current == null || !current.get(0).aggregateId().equals(event.aggregateId())) {
                current = new ArrayList<>();
                result.add(current);
            }
            current.add(event);
        }
        return result;
    }

    private static SerializedEvent serialize(DomainEventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        return new SerializedEvent(message.getAggregateIdentifier(), message.getType(), message.getSequenceNumber(),
                message.getIdentifier(), message.getTimestamp(), payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), metaData.getData());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        aggregates.storeSnapshot(serialize(snapshot, serializer));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return aggregates.snapshot(aggregateIdentifier).stream();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        return aggregates.read(aggregateIdentifier, firstSequenceNumber).stream();
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(stream.readAfter(trackingToken),
                Spliterator.ORDERED), false);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return stream.headToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant instant) {
        return stream.tokenAt(instant);
    }

    /**
     * One aggregate's events, upcast and deserialized, each with its global index as a tracking processor saw it: what
     * a projection needs to rebuild the part of a read model one aggregate feeds, without reading the whole store.
     */
    public List<TrackedEventMessage<?>> readTrackedEvents(String aggregateIdentifier) {
        return EventUtils.upcastAndDeserializeTrackedEvents(aggregates.readTracked(aggregateIdentifier).stream(),
                getEventSerializer(), upcasterChain).toList();
    }

    /** How appends and snapshots are acknowledged. */
    public WriteConcern writeConcern() {
        return writeConcern;
    }

    /** What tracking reads see. */
    public ReadConcern readConcern() {
        return readConcern;
    }

    /** The last global index written; -1 for an empty store. */
    /**
     * Recomputes the hash chain over the whole store ({@link CommitChain}) and reports the first place it breaks.
     *
     * @param progress told the global index reached, page by page
     */
    public ChainCheck.ChainReport checkChain(LongConsumer progress) {
        return chain.run(List.of(), null, progress);
    }

    /**
     * Recomputes the hash chain and checks on the way each signed checkpoint against the commit it names.
     *
     * @param checkpoints in head order
     * @param key         the key that signed them
     */
    public ChainCheck.ChainReport checkChain(List<Checkpoint> checkpoints, PublicKey key, LongConsumer progress) {
        return chain.run(checkpoints, key, progress);
    }

    /**
     * The end of the gap-free chain: the last commit before any hole, with its hash (what a checkpoint signs; a commit
     * beyond a hole may still be joined by one before it). Null for an empty store.
     */
    public ChainHead chainHead() {
        long head = stream.headIndex();
        Document commit = head < 0 ? null
                : store.lastCommitAtOrBefore(store.trackedCommits, head, EventStoreCollections.MAX_LOOK_BACK);
        return commit == null ? null
                : new ChainHead(CommitDocument.lastIndex(commit), CommitChain.hashOf(commit));
    }

    /** The last global index of a gap-free chain and the hash of the commit ending there (null before the chain). */
    public record ChainHead(long index, String hash) {
    }

    /** One aggregate's commits as stored, in sequence order: the events of a proof, with their place in the chain. */
    public List<StoredCommit> storedCommitsOf(String aggregateId) {
        return aggregates.commits(aggregateId, 0).stream().map(CommitChain::stored).toList();
    }

    /** The commits starting at global indexes {@code [from, to]}, as stored, in global order. */
    public List<StoredCommit> storedCommitsBetween(long from, long to) {
        List<StoredCommit> commits = new ArrayList<>();
        store.trackedCommits.find(Filters.and(Filters.gte(CommitDocument.ID, from), Filters.lte(CommitDocument.ID, to)))
                .sort(Sorts.ascending(CommitDocument.ID)).forEach(d -> commits.add(CommitChain.stored(d)));
        return commits;
    }

    public long headIndex() {
        return stream.headIndex();
    }

    /**
     * Whether a commit starts right after {@code index}, by one lookup by id: how a process learns cheaply that
     * another one appended. A commit behind a hole is not seen until the hole is filled.
     */
    public boolean committedAfter(long index) {
        return stream.committedAfter(index);
    }

    /** Duplicate keys on a commit's stream key mean another writer appended that aggregate version first. */
    public static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(w -> w.getCode() == DUPLICATE_KEY);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
    }

    /**
     * An append that repeats (or goes back on) a sequence number of one aggregate, refused before anything is written.
     * It carries the duplicate-key code, so that the persistence-exception resolver treats it as the unique stream key
     * violation it stands for: {@code AggregateStreamCreationException} for sequence 0, {@code ConcurrencyException}
     * otherwise.
     */
    static final class DuplicateSequenceException extends MongoException {

        private static final long serialVersionUID = 1L;

        DuplicateSequenceException(DomainEventMessage<?> event) {
            super(DUPLICATE_KEY, "Sequence number " + event.getSequenceNumber() + " of aggregate "
                    + event.getAggregateIdentifier() + " is already taken by an earlier event of the same append");
        }
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitsCollection = "commits";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "counters";
        private int maxPage = 256;
        private Clock clock = Clock.systemUTC();
        private LongConsumer beforeInsert = index -> { };
        private WriteConcern writeConcern = WriteConcern.MAJORITY.withJournal(true);
        private ReadConcern readConcern = ReadConcern.MAJORITY;
        private Duration holePatience = Duration.ofSeconds(2);
        private boolean hashChain = true;

        Builder() {
            persistenceExceptionResolver(GlobalSequenceEventStorageEngine::isDuplicateKey);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String commits, String snapshots, String counters) {
            this.commitsCollection = commits;
            this.snapshotsCollection = snapshots;
            this.countersCollection = counters;
            return this;
        }

        /** The most global indexes one tracking query asks for; reads start at 64 and double up to it. */
        public Builder maxReadBatch(int maxPage) {
            this.maxPage = Math.max(GlobalStream.FIRST_PAGE, maxPage);
            return this;
        }

        /** How appends and snapshots are acknowledged; {@code majority} with journaling unless told otherwise. */
        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = Objects.requireNonNull(writeConcern);
            return this;
        }

        /** What tracking reads see; {@code majority} unless told otherwise, so nothing acted on rolls back. */
        public Builder readConcern(ReadConcern readConcern) {
            this.readConcern = Objects.requireNonNull(readConcern);
            return this;
        }

        /**
         * How long an empty index with commits after it must stay so before a reader fills it with a void (see
         * {@code Holes}); filling is always safe, this only spares the store a void for every transient miss.
         */
        public Builder holePatience(Duration holePatience) {
            this.holePatience = Objects.requireNonNull(holePatience);
            return this;
        }

        /**
         * Whether appends link each commit into the hash chain ({@link CommitChain}); on unless told otherwise. Off
         * only to measure what the chain costs.
         */
        public Builder hashChain(boolean hashChain) {
            this.hashChain = hashChain;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Runs between choosing the global index of a commit and inserting it, with that index: a hook for tests. */
        public Builder beforeInsert(LongConsumer beforeInsert) {
            this.beforeInsert = beforeInsert;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        /** Which failures are duplicate keys; {@link GlobalSequenceEventStorageEngine#isDuplicateKey} by default. */
        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public GlobalSequenceEventStorageEngine build() {
            Objects.requireNonNull(database, "the MongoDB database is required");
            return new GlobalSequenceEventStorageEngine(this);
        }
    }
}
