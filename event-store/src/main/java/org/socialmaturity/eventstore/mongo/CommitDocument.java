package org.socialmaturity.eventstore.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.bson.Document;

/**
 * One commit in the event store: the events one unit of work appended for one aggregate, in one MongoDB document,
 * so that they are stored all or not at all. The commit owns the contiguous global indexes {@code [_id, last]}; its
 * {@code key} ({@code aggregateId/firstSequence}) is unique, which is how two writers racing for the same aggregate
 * version are told apart. The insert of a commit at the index after the last one is what claims its indexes: the
 * unique {@code _id} lets one writer have them. A commit without events (a "void") fills a hole that a store
 * written by the reserving engine of schema 1 may hold (see {@link LegacyStoreMigration}).
 */
final class CommitDocument {

    /** The layout of the stored document. Raise it with a migration when the layout changes. */
    static final int SCHEMA_VERSION = 1;

    static final String ID = "_id";
    static final String LAST = "last";
    static final String KEY = "key";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String FIRST_SEQUENCE = "firstSequence";
    static final String LAST_SEQUENCE = "lastSequence";
    static final String COMMITTED_AT = "committedAt";
    static final String SCHEMA = "schema";
    static final String EVENTS = "events";
    /** The id of a commit's first event, as a projection path. */
    static final String FIRST_EVENT_ID = "events.id";

    static final String EVENT_ID = "id";
    static final String SEQUENCE = "sequence";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    private CommitDocument() {
    }

    static String key(String aggregateId, long sequence) {
        return aggregateId + "/" + sequence;
    }

    /** A commit of serialized events of one aggregate, at global indexes from {@code firstIndex}. */
    static Document commit(long firstIndex, List<SerializedEvent> events, Instant committedAt) {
        SerializedEvent first = events.get(0);
        SerializedEvent last = events.get(events.size() - 1);
        List<Document> eventDocuments = new ArrayList<>(events.size());
        for (SerializedEvent event : events) {
            eventDocuments.add(new Document(EVENT_ID, event.eventId())
                    .append(SEQUENCE, event.sequence())
                    .append(TIMESTAMP, event.timestamp().toString())
                    .append(PAYLOAD_TYPE, event.payloadType())
                    .append(PAYLOAD_REVISION, event.payloadRevision())
                    .append(PAYLOAD, event.payload())
                    .append(META_DATA, event.metaData()));
        }
        return new Document(ID, firstIndex)
                .append(LAST, firstIndex + events.size() - 1)
                .append(KEY, key(first.aggregateId(), first.sequence()))
                .append(AGGREGATE_ID, first.aggregateId())
                .append(AGGREGATE_TYPE, first.aggregateType())
                .append(FIRST_SEQUENCE, first.sequence())
                .append(LAST_SEQUENCE, last.sequence())
                .append(COMMITTED_AT, Date.from(committedAt))
                .append(SCHEMA, SCHEMA_VERSION)
                .append(EVENTS, eventDocuments);
    }

    /**
     * Fills indexes {@code [firstIndex, lastIndex]} with nothing: a hole a legacy store left, or the indexes of a commit
     * lost before it was durable. {@code standsFor} is the hash the commit after it names as its {@code prev} (null when
     * none does), for the chain to connect through the void.
     */
    static Document voidCommit(long firstIndex, long lastIndex, Instant committedAt, String standsFor) {
        Document commit = new Document(ID, firstIndex)
                .append(LAST, lastIndex)
                .append(KEY, "void/" + firstIndex)
                .append(COMMITTED_AT, Date.from(committedAt))
                .append(SCHEMA, SCHEMA_VERSION)
                .append(EVENTS, List.of());
        if (standsFor != null) {
            commit.append(CommitChain.STANDS_FOR, CommitChain.stored(standsFor));
        }
        return commit;
    }

    static long firstIndex(Document commit) {
        return ((Number) commit.get(ID)).longValue();
    }

    static long lastIndex(Document commit) {
        return ((Number) commit.get(LAST)).longValue();
    }

    /** The id of the commit's first event (null for a void), from a whole document or one projected on it. */
    static String firstEventId(Document commit) {
        List<Document> events = commit.getList(EVENTS, Document.class);
        return events == null || events.isEmpty() ? null : events.get(0).getString(EVENT_ID);
    }

    static long firstSequence(Document commit) {
        return ((Number) commit.get(FIRST_SEQUENCE)).longValue();
    }

    static long lastSequence(Document commit) {
        return ((Number) commit.get(LAST_SEQUENCE)).longValue();
    }

    static Instant committedAt(Document commit) {
        return commit.getDate(COMMITTED_AT).toInstant();
    }

    /**
     * The events of a commit as Axon's serialized event data, in sequence order. An event that was not a domain event
     * (stored, as Axon stores it, under its own identifier as aggregate identifier, with no type, at sequence 0) comes
     * back without an aggregate identifier, so that Axon reads it as a plain event message again.
     */
    static List<DomainEventData<String>> events(Document commit) {
        List<Document> events = commit.getList(EVENTS, Document.class);
        List<DomainEventData<String>> result = new ArrayList<>(events.size());
        String aggregateId = commit.getString(AGGREGATE_ID);
        String aggregateType = commit.getString(AGGREGATE_TYPE);
        for (Document event : events) {
            String eventId = event.getString(EVENT_ID);
            long sequence = ((Number) event.get(SEQUENCE)).longValue();
            boolean notDomain = aggregateType == null && sequence == 0 && eventId.equals(aggregateId);
            result.add(new GenericDomainEventEntry<>(aggregateType, notDomain ? null : aggregateId, sequence, eventId,
                    event.getString(TIMESTAMP), event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION),
                    event.getString(PAYLOAD), event.getString(META_DATA)));
        }
        return result;
    }

    /** A snapshot document: the latest snapshot of one aggregate, keyed by the aggregate id. */
    static Document snapshot(SerializedEvent snapshot) {
        return new Document(ID, snapshot.aggregateId())
                .append(AGGREGATE_TYPE, snapshot.aggregateType())
                .append(SEQUENCE, snapshot.sequence())
                .append(EVENT_ID, snapshot.eventId())
                .append(TIMESTAMP, snapshot.timestamp().toString())
                .append(PAYLOAD_TYPE, snapshot.payloadType())
                .append(PAYLOAD_REVISION, snapshot.payloadRevision())
                .append(PAYLOAD, snapshot.payload())
                .append(META_DATA, snapshot.metaData())
                .append(SCHEMA, SCHEMA_VERSION);
    }

    static long snapshotSequence(Document snapshot) {
        return ((Number) snapshot.get(SEQUENCE)).longValue();
    }

    static DomainEventData<String> snapshotData(Document snapshot) {
        return new GenericDomainEventEntry<>(snapshot.getString(AGGREGATE_TYPE), snapshot.getString(ID),
                snapshotSequence(snapshot), snapshot.getString(EVENT_ID), snapshot.getString(TIMESTAMP),
                snapshot.getString(PAYLOAD_TYPE), snapshot.getString(PAYLOAD_REVISION), snapshot.getString(PAYLOAD),
                snapshot.getString(META_DATA));
    }

    /** One event, serialized, with the aggregate coordinates it is stored under. */
    record SerializedEvent(
            String aggregateId,
            String aggregateType,
            long sequence,
            String eventId,
            Instant timestamp,
            String payloadType,
            String payloadRevision,
            String payload,
            String metaData) {
    }
}
