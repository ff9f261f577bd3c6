package org.socialmaturity.eventstore.mongo;

import static org.socialmaturity.eventstore.mongo.CommitDocument.firstSequence;
import static org.socialmaturity.eventstore.mongo.CommitDocument.lastSequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;
import org.socialmaturity.eventstore.mongo.CommitDocument.SerializedEvent;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * One aggregate's events and its snapshot. A stream is read by {@code $in} over its stream keys
 * ({@code aggregateId/firstSequence}, unique): 32 keys, doubling, so that an aggregate of any length takes a few
 * indexed look-ups and never a range scan.
 */
final class AggregateStreams {

    private static final int FIRST_WINDOW = 32;
    private static final int MAX_WINDOW = 1024;

    private final EventStoreCollections store;

    AggregateStreams(EventStoreCollections store) {
        this.store = store;
    }

    List<DomainEventData<?>> read(String aggregateId, long firstSequenceNumber) {
        List<DomainEventData<?>> events = new ArrayList<>();
        for (Document commit : commits(aggregateId, firstSequenceNumber)) {
            for (DomainEventData<String> event : CommitDocument.events(commit)) {
                if (event.getSequenceNumber() >= firstSequenceNumber) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    /** The aggregate's events with the global index each has in the store, as a tracking reader sees them. */
    List<TrackedEventData<?>> readTracked(String aggregateId) {
        List<TrackedEventData<?>> events = new ArrayList<>();
        for (Document commit : commits(aggregateId, 0)) {
            long index = CommitDocument.firstIndex(commit);
            for (DomainEventData<String> event : CommitDocument.events(commit)) {
                events.add(new TrackedDomainEventData<>(GlobalStream.tokenAt(index++), event));
            }
        }
        return events;
    }

    /** The commits holding the aggregate's events from {@code firstSequenceNumber} on, in sequence order. */
    List<Document> commits(String aggregateId, long firstSequenceNumber) {
        List<Document> result = new ArrayList<>();
        long next = firstSequenceNumber;
        int window = FIRST_WINDOW;
        Document covering = next > 0 ? commitCovering(aggregateId, next) : null;
        if (covering != null) {
            result.add(covering);
            next = lastSequence(covering) + 1;
        }
        while (true) {
            Map<Long, Document> byFirstSequence = new HashMap<>();
            long from = next;
            store.latestCommits.find(Filters.in(CommitDocument.KEY, LongStream.range(from, from + window)
                            .mapToObj(s -> CommitDocument.key(aggregateId, s)).toList()))
                    .forEach(d -> byFirstSequence.put(firstSequence(d), d));
            boolean progressed = false;
            for (Document commit = byFirstSequence.get(next); commit != null; commit = byFirstSequence.get(next)) {
                result.add(commit);
                next = lastSequence(commit) + 1;
                progressed = true;
            }
            if (!progressed || next < from + window) {
                return result;
            }
            window = Math.min(window * 2, MAX_WINDOW);
        }
    }

    /** The commit holding {@code sequence} when it does not start there (a read from inside a commit). */
    private Document commitCovering(String aggregateId, long sequence) {
        if (store.latestCommits.find(Filters.eq(CommitDocument.KEY, CommitDocument.key(aggregateId, sequence)))
                .first() != null) {
            return null;
        }
        List<String> keys = LongStream.rangeClosed(Math.max(0, sequence - 64), sequence - 1)
                .mapToObj(s -> CommitDocument.key(aggregateId, s)).toList();
        for (Document commit : store.latestCommits.find(Filters.in(CommitDocument.KEY, keys))) {
            if (firstSequence(commit) < sequence && lastSequence(commit) >= sequence) {
                return commit;
            }
        }
        return null;
    }

    /** Keeps the snapshot unless the stored one is at least as recent. */
    void storeSnapshot(SerializedEvent snapshot) {
        Document existing = store.snapshots.find(Filters.eq(CommitDocument.ID, snapshot.aggregateId())).first();
        if (existing != null && CommitDocument.snapshotSequence(existing) >= snapshot.sequence()) {
            return;
        }
        store.snapshots.replaceOne(Filters.eq(CommitDocument.ID, snapshot.aggregateId()),
                CommitDocument.snapshot(snapshot), new ReplaceOptions().upsert(true));
    }

    Optional<DomainEventData<String>> snapshot(String aggregateId) {
        return Optional.ofNullable(store.snapshots.find(Filters.eq(CommitDocument.ID, aggregateId)).first())
                .map(CommitDocument::snapshotData);
    }
}
