package org.socialmaturity.localmongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Reads the event store's documents as they are stored, without Axon: for operators checking what reached MongoDB,
 * and for tests that must not trust the code under test to read back what it wrote. Knows the stored layout of
 * {@code GlobalSequenceEventStorageEngine} (schema 1): one document per commit in {@code commits}, keyed by its first
 * global index, its events in an array.
 */
public final class StoredEvents {

    public static final String DATABASE = "platform-events";
    public static final String COLLECTION = "commits";

    private final MongoCollection<Document> commits;

    public StoredEvents(MongoClient client) {
        this.commits = client.getDatabase(DATABASE).getCollection(COLLECTION);
    }

    /** Every event of one aggregate, by sequence number. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return read(Filters.eq("aggregateId", aggregateId)).stream()
                .sorted(java.util.Comparator.comparingLong(StoredEvent::sequence)).toList();
    }

    /** Every event in the store, in global order. */
    public List<StoredEvent> all() {
        return read(new Document()).stream()
                .sorted(java.util.Comparator.comparingLong(StoredEvent::globalIndex)).toList();
    }

    public long count() {
        return all().size();
    }

    private List<StoredEvent> read(Bson filter) {
        List<StoredEvent> events = new ArrayList<>();
        for (Document commit : commits.find(filter)) {
            long index = ((Number) commit.get("_id")).longValue();
            for (Document event : commit.getList("events", Document.class)) {
                events.add(new StoredEvent(index++, commit.getString("aggregateId"),
                        ((Number) event.get("sequence")).longValue(), event.getString("timestamp"),
                        event.getString("payloadType"), event.getString("payload"), event.getString("metaData")));
            }
        }
        return events;
    }

    /** One stored event: payload and metadata are the serialized JSON. */
    public record StoredEvent(
            long globalIndex,
            String aggregateId,
            long sequence,
            String timestamp,
            String payloadType,
            String payload,
            String metaData) {

        public String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }
}
