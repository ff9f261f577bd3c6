package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.firstSequence;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastIndex;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastSequence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.mongo.CommitDocument.SerializedEvent;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * An Axon event storage engine on MongoDB that loses no event and reads nothing by range.
 *
 * <p><b>Global sequence.</b> An append reserves a contiguous block of global indexes with one atomic
 * {@code $inc} on a counter document, then inserts one commit document per aggregate holding its events (see
 * {@link CommitDocument}). Readers track with Axon's {@link GapAwareTrackingToken} over these indexes.
 *
 * <p><b>Gaps.</b> An index that is reserved but not yet inserted is a gap. A reader never passes a gap younger than
 * {@code gapTimeout}: it delivers events strictly in global order and waits for the writer. A gap counts as dead,
 * and is passed, once a commit with a higher index was committed more than {@code gapTimeout} ago; that commit was
 * reserved after the gap, so the gap's writer has had at least that long. A writer that finds its reservation older
 * than half the timeout when it is about to insert reserves again and voids the old block, so a passed gap can
 * never be filled later, and nothing is lost silently. The trade-off: a writer that dies between reserving and
 * inserting holds every reader back for up to {@code gapTimeout} (shorter means less stall, but writers must then
 * insert faster, and clocks across machines must agree within a quarter of it); a writer that loses a concurrency
 * race voids its block at once, so readers do not wait for it.
 *
 * <p><b>Optimistic concurrency.</b> A writer appends after reading the whole aggregate, and commits are read whole,
 * so the first sequence number of a new commit is either free or the first of a commit another writer made: the
 * unique stream key of that first event detects every race ({@code ConcurrencyException}, or
 * {@code AggregateStreamCreationException} for a second creation).
 *
 * <p><b>Indexed reads only.</b> Tracking fetches commits by {@code $in} over the next global indexes ({@code _id});
 * an aggregate is read by {@code $in} over its stream keys ({@code aggregateId/sequence}, unique), and its snapshot
 * by {@code _id}. These are key lookups on mongo-java-server (which otherwise scans whole collections for ranges and
 * sorts) and on a real MongoDB alike.
 */
public class GlobalSequenceEventStorageEngine extends AbstractEventStorageEngine {

    private static final Logger LOG = Logger.getLogger(GlobalSequenceEventStorageEngine.class);
    private static final String COUNTER_ID = "global";
    private static final String NEXT = "next";
    private static final int DUPLICATE_KEY = 11000;
    private static final int FIRST_PAGE = 64;

    private static final int MAX_STREAM_WINDOW = 1024;
    private static final int MAX_RESERVATIONS = 5;
    private static final Object RESERVATIONS = new Object();

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final int maxPage;
    private final Clock clock;
    private final LongConsumer beforeInsert;

    protected GlobalSequenceEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(builder.commitsCollection);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.counters = builder.database.getCollection(builder.countersCollection);
        this.gapTimeout = builder.gapTimeout;
        this.maxPage = builder.maxPage;
        this.clock = builder.clock;
        this.beforeInsert = builder.beforeInsert;
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unique single-field indexes every read relies on; {@code _id} needs none. */
    private void ensureIndexes() {
        commits.createIndex(Indexes.ascending(CommitDocument.KEY), new IndexOptions().unique(true).name("key"));
        if (counters.find(Filters.eq("_id", COUNTER_ID)).first() == null) {
            // A store written before its counter existed (or restored without it): continue after the last commit.
            Document last = commits.find().sort(Sorts.descending("_id")).limit(1).first();
            if (last != null) {
                counters.updateOne(Filters.eq("_id", COUNTER_ID), Updates.max(NEXT, lastIndex(last) + 1),
                        new com.mongodb.client.model.UpdateOptions().upsert(true));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventMessage<?>> messages = events.stream().<DomainEventMessage<?>>map(EventUtils::asDomainEventMessage).toList();
        List<SerializedEvent> serialized = messages.stream().map(m -> serialize(m, serializer)).toList();
        List<List<SerializedEvent>> perAggregate = splitByAggregate(serialized);
        for (int attempt = 1; ; attempt++) {
            Instant reservedAt = clock.instant();
            long first = reserve(serialized.size());
            beforeInsert.accept(first);
            Instant now = clock.instant();
            if (Duration.between(reservedAt, now).compareTo(gapTimeout.dividedBy(2)) > 0) {
                // Readers may pass this block soon: never insert into it, void it and reserve anew.
                LOG.warnf("Reservation [%d, %d] took %s, more than half the gap timeout; reserving again",
                        first, first + serialized.size() - 1, Duration.between(reservedAt, now));
                insertVoids(List.of(new long[] {first, first + serialized.size() - 1}));
                if (attempt >= MAX_RESERVATIONS) {
                    throw new EventStoreException("Could not insert events within half the gap timeout "
                            + gapTimeout + " in " + attempt + " attempts");
                }
                continue;
            }
            if (insert(first, perAggregate, messages, now)) {
                return;
            }
            if (attempt >= MAX_RESERVATIONS) {
                throw new EventStoreException("Global indexes reserved " + attempt + " times were taken by another "
                        + "writer; the counter document is not being updated atomically");
            }
        }
    }

    /** @return false when the reserved indexes turned out to be taken (a counter that lost an update) */
    private boolean insert(long first, List<List<SerializedEvent>> perAggregate, List<DomainEventMessage<?>> messages,
                           Instant committedAt) {
        List<Document> documents = new ArrayList<>(perAggregate.size());
        long index = first;
        for (List<SerializedEvent> commit : perAggregate) {
            documents.add(CommitDocument.commit(index, commit, committedAt));
            index += commit.size();
        }
        try {
            if (documents.size() == 1) {
                commits.insertOne(documents.get(0));
            } else {
                commits.insertMany(documents, new InsertManyOptions().ordered(true));
            }
            return true;
        } catch (MongoBulkWriteException e) {
            int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            if (failed == 0 && indexTaken(e.getWriteErrors().get(0).getMessage())) {
                return false;
            }
            voidUninserted(documents.subList(failed, documents.size()));
            handlePersistenceException(e, messageAt(messages, perAggregate, failed));
        } catch (MongoWriteException e) {
            if (indexTaken(e.getError().getMessage())) {
                return false;
            }
            voidUninserted(documents);
            handlePersistenceException(e, messages.get(0));
        } catch (MongoException e) {
            // Unknown outcome (say, a network failure after the server inserted): voiding could erase events.
            handlePersistenceException(e, messages.get(0));
        }
        return true;
    }

    /**
     * A duplicate {@code _id} is not a concurrency conflict on the aggregate but a reserved index that another writer
     * holds: the reservation is retried and nothing is voided (the indexes are the other writer's).
     */
    private static boolean indexTaken(String message) {
        return message != null && message.contains("_id_");
    }

    private void voidUninserted(List<Document> documents) {
        insertVoids(documents.stream().map(d -> new long[] {firstIndex(d), lastIndex(d)}).toList());
    }

    private void insertVoids(List<long[]> ranges) {
        Instant now = clock.instant();
        try {
            commits.insertMany(ranges.stream().map(r -> CommitDocument.voidCommit(r[0], r[1], now)).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoException e) {
            LOG.warnf("Could not void reserved indexes %s; readers will pass them after the gap timeout: %s",
                    ranges.stream().map(r -> "[" + r[0] + ", " + r[1] + "]").toList(), e.getMessage());
        }
    }

    private static DomainEventMessage<?> messageAt(List<DomainEventMessage<?>> messages,
                                                   List<List<SerializedEvent>> perAggregate, int commit) {
        int offset = 0;
        for (int i = 0; i < commit; i++) {
            offset += perAggregate.get(i).size();
        }
        return messages.get(Math.min(offset, messages.size() - 1));
    }

    /**
     * Reserves {@code count} contiguous global indexes; returns the first. Serialized within the JVM: MongoDB applies
     * the {@code $inc} atomically, but mongo-java-server (local runs and tests) does not always, and most writers
     * share a JVM; a lost update across processes there surfaces as a taken {@code _id} and is reserved again.
     */
    private long reserve(int count) {
        synchronized (RESERVATIONS) {
            return reserveNow(count);
        }
    }

    private long reserveNow(int count) {
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc(NEXT, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) Objects.requireNonNull(counter).get(NEXT)).longValue() - count;
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

    // ------------------------------------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedEvent serialized = serialize(snapshot, serializer);
        Document existing = snapshots.find(Filters.eq("_id", snapshot.getAggregateIdentifier())).first();
        if (existing != null && CommitDocument.snapshotSequence(existing) >= snapshot.getSequenceNumber()) {
            return;
        }
        snapshots.replaceOne(Filters.eq("_id", snapshot.getAggregateIdentifier()), CommitDocument.snapshot(serialized),
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(CommitDocument.snapshotData(snapshot));
    }

    // ------------------------------------------------------------------------------------- aggregate streams

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateId, long firstSequenceNumber) {
        List<DomainEventData<?>> events = new ArrayList<>();
        long next = firstSequenceNumber;
        int window = 32;
        Document covering = next > 0 ? commitCovering(aggregateId, next) : null;
        if (covering != null) {
            for (DomainEventData<String> event : CommitDocument.events(covering)) {
                if (event.getSequenceNumber() >= next) {
                    events.add(event);
                }
            }
            next = lastSequence(covering) + 1;
        }
        while (true) {
            Map<Long, Document> byFirstSequence = new HashMap<>();
            long from = next;
            commits.find(Filters.in(CommitDocument.KEY, LongStream.range(from, from + window)
                            .mapToObj(s -> CommitDocument.key(aggregateId, s)).toList()))
                    .forEach(d -> byFirstSequence.put(firstSequence(d), d));
            boolean progressed = false;
            for (Document commit = byFirstSequence.get(next); commit != null; commit = byFirstSequence.get(next)) {
                events.addAll(CommitDocument.events(commit));
                next = lastSequence(commit) + 1;
                progressed = true;
            }
            if (!progressed || next < from + window) {
                return events.stream();
            }
            window = Math.min(window * 2, MAX_STREAM_WINDOW);
        }
    }

    /** The commit holding {@code sequence} when it does not start there (a read from inside a commit). */
    private Document commitCovering(String aggregateId, long sequence) {
        if (commits.find(Filters.eq(CommitDocument.KEY, CommitDocument.key(aggregateId, sequence))).first() != null) {
            return null;
        }
        List<String> keys = LongStream.rangeClosed(Math.max(0, sequence - 64), sequence - 1)
                .mapToObj(s -> CommitDocument.key(aggregateId, s)).toList();
        for (Document commit : commits.find(Filters.in(CommitDocument.KEY, keys))) {
            if (firstSequence(commit) < sequence && lastSequence(commit) >= sequence) {
                return commit;
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------- tracking

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        long after = -1;
        if (trackingToken instanceof GapAwareTrackingToken token) {
            after = token.getIndex();
            if (token.hasGaps()) {
                LOG.warnf("Token %s has gaps this engine never creates; reading on from index %d", token, after);
            }
        } else if (trackingToken != null) {
            throw new IllegalArgumentException("Unsupported token " + trackingToken.getClass().getName()
                    + "; this engine tracks with GapAwareTrackingToken");
        }
        Iterator<TrackedEventData<?>> reader = new TrackingReader(after);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED), false);
    }

    /**
     * Reads commits in global order, page by page ({@code $in} over the next indexes, pages doubling up to the
     * maximum batch), and stops at the end of the store or at a gap that may still be filled.
     */
    private final class TrackingReader implements Iterator<TrackedEventData<?>> {

        private final Deque<TrackedEventData<?>> buffer = new ArrayDeque<>();
        private long lastIndex;
        private int page = FIRST_PAGE;
        private boolean exhausted;

        TrackingReader(long lastIndex) {
            this.lastIndex = lastIndex;
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !exhausted) {
                fetchPage();
            }
            return !buffer.isEmpty();
        }

        @Override
        public TrackedEventData<?> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        private void fetchPage() {
            long from = lastIndex + 1;
            int size = page;
            long end = from + size - 1;
            TreeMap<Long, Document> commits = fetch(from, size);
            long expected = from;
            while (expected <= end) {
                Document commit = commits.get(expected);
                if (commit != null) {
                    deliver(commit);
                    expected = lastIndex + 1;
                    continue;
                }
                Map.Entry<Long, Document> later = commits.higherEntry(expected);
                if (later == null && headIndex() >= expected) {
                    // A reserved index with nothing after it in this page: only a later commit tells if it is dead.
                    later = fetch(end + 1, size).firstEntry();
                }
                if (later == null || !dead(later.getValue())) {
                    exhausted = true;
                    return;
                }
                LOG.warnf("Passing global indexes [%d, %d]: reserved more than %s ago by a writer that never "
                        + "inserted them", expected, later.getKey() - 1, gapTimeout);
                lastIndex = later.getKey() - 1;
                expected = later.getKey();
            }
        }

        private void deliver(Document commit) {
            long index = firstIndex(commit);
            for (DomainEventData<String> event : CommitDocument.events(commit)) {
                buffer.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, Collections.emptySet()),
                        event));
                index++;
            }
            lastIndex = lastIndex(commit);
            if (page < maxPage) {
                page = Math.min(page * 2, maxPage);
            }
        }

        private boolean dead(Document laterCommit) {
            return CommitDocument.committedAt(laterCommit).plus(gapTimeout).isBefore(clock.instant());
        }
    }

    private TreeMap<Long, Document> fetch(long from, int count) {
        TreeMap<Long, Document> byIndex = new TreeMap<>();
        commits.find(Filters.in("_id", LongStream.range(from, from + count).boxed().toList()))
                .forEach(d -> byIndex.put(firstIndex(d), d));
        return byIndex;
    }

    // ------------------------------------------------------------------------------------------------ tokens

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = headIndex();
        return head < 0 ? null : GapAwareTrackingToken.newInstance(head, Collections.emptySet());
    }

    /** The highest global index reserved so far; -1 for an empty store. */
    public long headIndex() {
        Document counter = counters.find(Filters.eq("_id", COUNTER_ID)).first();
        return counter == null ? -1 : ((Number) counter.get(NEXT)).longValue() - 1;
    }

    /** The position just before the first commit made at or after {@code instant}, found by binary search. */
    @Override
    public TrackingToken createTokenAt(Instant instant) {
        long low = 0;
        long high = headIndex();
        long firstAtOrAfter = high + 1;
        while (low <= high) {
            long middle = low + (high - low) / 2;
            Map.Entry<Long, Document> commit = fetch(middle, 32).firstEntry();
            if (commit == null) {
                high = middle - 1;
            } else if (!CommitDocument.committedAt(commit.getValue()).isBefore(instant)) {
                firstAtOrAfter = commit.getKey();
                high = middle - 1;
            } else {
                low = lastIndex(commit.getValue()) + 1;
            }
        }
        return firstAtOrAfter <= 0 ? null : GapAwareTrackingToken.newInstance(firstAtOrAfter - 1, Collections.emptySet());
    }

    /** Duplicate keys on a commit's stream key mean another writer appended that aggregate version first. */
    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(w -> w.getCode() == DUPLICATE_KEY);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitsCollection = "commits";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "counters";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int maxPage = 256;
        private Clock clock = Clock.systemUTC();
        private LongConsumer beforeInsert = first -> { };

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

        /** How long readers wait for a reserved index before passing it as dead. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** The most global indexes one tracking read asks for; reads start at 64 and double up to it. */
        public Builder maxReadBatch(int maxPage) {
            this.maxPage = Math.max(FIRST_PAGE, maxPage);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Runs between reserving indexes and inserting them, with the first reserved index: a hook for tests. */
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
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        public GlobalSequenceEventStorageEngine build() {
            Objects.requireNonNull(database, "the MongoDB database is required");
            return new GlobalSequenceEventStorageEngine(this);
        }
    }
}
