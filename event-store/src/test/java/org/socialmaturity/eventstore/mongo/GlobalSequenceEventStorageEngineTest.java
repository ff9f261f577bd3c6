package org.socialmaturity.eventstore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.localmongo.LocalMongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

class GlobalSequenceEventStorageEngineTest {

    private LocalMongo mongo;
    private MongoClient client;
    private GlobalSequenceEventStorageEngine engine;

    @BeforeEach
    void start() {
        mongo = LocalMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        engine = Engines.engine(client, index -> { });
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void theEventsOfOneCommitAreOneDocumentWithContiguousGlobalIndexes() {
        engine.appendEvents(Engines.events("agg", 0, 3));
        engine.appendEvents(Engines.events("other", 0, 1));

        List<Document> commits = client.getDatabase("proof-events").getCollection("commits").find().into(new java.util.ArrayList<>());
        assertEquals(2, commits.size());
        Document first = commits.stream().filter(c -> "agg".equals(c.getString("aggregateId"))).findFirst().orElseThrow();
        assertEquals(0L, ((Number) first.get("_id")).longValue());
        assertEquals(2L, ((Number) first.get("last")).longValue());
        assertEquals("agg/0", first.getString("key"));
        assertEquals(CommitDocument.SCHEMA_VERSION, first.getInteger("schema"));
        assertEquals(List.of(0L, 1L, 2L, 3L), trackAll().stream().map(e -> e.trackingToken().position().orElseThrow()).toList());
    }

    @Test
    void anAggregateReadsBackInOrderFromAnySequence() {
        engine.appendEvents(Engines.events("agg", 0, 3));
        for (int n = 3; n < 150; n++) {
            engine.appendEvents(Engines.events("agg", n, 1));
        }
        engine.appendEvents(Engines.events("agg", 150, 4));

        assertEquals(154, engine.readEvents("agg").asStream().count());
        assertEquals(java.util.stream.LongStream.range(0, 154).boxed().toList(),
                engine.readEvents("agg").asStream().map(DomainEventMessage::getSequenceNumber).toList());
        assertEquals(List.of(1L, 2L, 3L), engine.readEvents("agg", 1).asStream().limit(3)
                .map(DomainEventMessage::getSequenceNumber).toList(), "from inside a commit");
        assertEquals(List.of(152L, 153L), engine.readEvents("agg", 152).asStream()
                .map(DomainEventMessage::getSequenceNumber).toList());
        assertEquals(0, engine.readEvents("nobody").asStream().count());
        assertEquals(153L, engine.lastSequenceNumberFor("agg").orElseThrow());
    }

    @Test
    void aLostRaceIsAConflictAndTakesNoIndex() {
        engine.appendEvents(Engines.events("agg", 0, 2));
        // Two writers both loaded version 1; the first appends 2, the second 2 and 3.
        engine.appendEvents(Engines.events("agg", 2, 1));

        assertThrows(AggregateStreamCreationException.class, () -> engine.appendEvents(Engines.events("agg", 0, 1)));
        assertThrows(ConcurrencyException.class, () -> engine.appendEvents(Engines.events("agg", 2, 2)));
        engine.appendEvents(Engines.events("agg", 3, 1));

        assertEquals(List.of(0L, 1L, 2L, 3L), engine.readEvents("agg").asStream()
                .map(DomainEventMessage::getSequenceNumber).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), trackAll().stream()
                .map(e -> e.trackingToken().position().orElseThrow()).toList(), "the losers left no hole");
    }

    @Test
    void aTokenInsideACommitReadsOnWithTheRestOfThatCommit() {
        engine.appendEvents(Engines.events("small", 0, 3));
        engine.appendEvents(Engines.events("big", 0, 200));
        engine.appendEvents(Engines.events("after", 0, 1));

        assertEquals(List.of(2L, 3L), positionsAfter(1).subList(0, 2), "the token of the first of three events");
        assertEquals(java.util.stream.LongStream.rangeClosed(151, 203).boxed().toList(), positionsAfter(150),
                "inside a commit longer than one look-back window");
        assertEquals(List.of(203L), positionsAfter(202), "the last event of a commit: nothing of it again");
        assertEquals(List.of(), positionsAfter(203), "at the head");
        assertEquals(List.of(), positionsAfter(500), "beyond the head");
        assertEquals(List.of(1, 2), engine.readEvents(GapAwareTrackingToken.newInstance(0, List.of()), false).limit(2)
                .map(e -> ((ProofEvent) e.getPayload()).number()).toList(), "the events themselves, not just tokens");
    }

    private List<Long> positionsAfter(long index) {
        return engine.readEvents(GapAwareTrackingToken.newInstance(index, List.of()), false)
                .map(e -> e.trackingToken().position().orElseThrow()).toList();
    }

    @Test
    void aWriterPausedBeforeItsInsertFindsItsIndexTakenAndAppendsAfterTheWinner() throws Exception {
        CountDownLatch chosen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        List<Long> tried = new java.util.concurrent.CopyOnWriteArrayList<>();
        GlobalSequenceEventStorageEngine slow = Engines.engine(client, index -> {
            tried.add(index);
            if (calls.incrementAndGet() == 2) {
                chosen.countDown();
                await(release);
            }
        });
        slow.appendEvents(Engines.events("first", 0, 1));
        Thread writer = new Thread(() -> slow.appendEvents(Engines.events("second", 0, 1)));
        writer.start();
        chosen.await();
        engine.appendEvents(Engines.events("third", 0, 3));

        assertEquals(List.of("first", "third", "third", "third"), writers(trackAll()),
                "the paused writer holds nobody back: there is nothing reserved to wait for");
        release.countDown();
        writer.join();
        List<? extends TrackedEventMessage<?>> tracked = trackAll();
        assertEquals(List.of("first", "third", "third", "third", "second"), writers(tracked));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), tracked.stream()
                .map(e -> e.trackingToken().position().orElseThrow()).toList());
        assertEquals(List.of(0L, 1L, 4L), tried, "index 1 was taken by a commit ending at 3: the next try is 4");
    }

    @Test
    void aCommitLostBeforeItWasDurableLeavesNoHoleAfterTheWritersThatSawIt() {
        engine.appendEvents(Engines.events("durable", 0, 1));
        GlobalSequenceEventStorageEngine other = Engines.engine(client, index -> { });
        other.appendEvents(Engines.events("lost", 0, 2));
        // This process sees the other's commit at 1-2 (a tracking read), then the server loses it: never acknowledged
        // durable, as when local-mongo dies before its fsync or a primary fails over before a majority had it.
        assertEquals(3, trackAll().size());
        client.getDatabase("proof-events").getCollection("commits").deleteOne(Filters.eq("_id", 1L));

        engine.appendEvents(Engines.events("after", 0, 1));

        assertEquals(List.of("durable", "after"), writers(trackAll()), "no reader stops at the lost indexes");
        Document filled = client.getDatabase("proof-events").getCollection("commits").find(Filters.eq("_id", 1L)).first();
        assertEquals(2L, ((Number) filled.get("last")).longValue(), "a void fills them");
        assertEquals(0, filled.getList("events", Document.class).size());
    }

    @Test
    void anIndexThatStaysEmptyWithCommitsAfterItIsFilledByTheReaders() throws Exception {
        engine.appendEvents(Engines.events("first", 0, 1));
        engine.appendEvents(Engines.events("lost", 0, 1));
        engine.appendEvents(Engines.events("third", 0, 1));
        // The writer that appended after the lost commit died before it could close the hole.
        client.getDatabase("proof-events").getCollection("commits").deleteOne(Filters.eq("_id", 1L));
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        GlobalSequenceEventStorageEngine reader = GlobalSequenceEventStorageEngine.builder()
                .database(client.getDatabase("proof-events"))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .holePatience(Duration.ofMillis(200))
                .build();

        assertEquals(List.of("first"), writers(reader.readEvents(null, false).toList()), "a miss may be transient");
        Thread.sleep(300);
        assertEquals(List.of("first"), writers(reader.readEvents(null, false).toList()), "still empty: filled now");
        assertEquals(List.of("first", "third"), writers(reader.readEvents(null, false).toList()));
    }

    @Test
    void aNewProcessAppendsAfterTheEndWhereverItsHintIs() {
        for (int n = 0; n < 1100; n++) {
            engine.appendEvents(Engines.events("many", n, 1));
        }
        client.getDatabase("proof-events").getCollection("counters")
                .updateOne(Filters.eq("_id", "head"), new Document("$set", new Document("index", 3L)));
        GlobalSequenceEventStorageEngine restarted = Engines.engine(client, index -> { });

        assertEquals(1099, restarted.headIndex());
        restarted.appendEvents(Engines.events("late", 0, 1));
        assertEquals(1100L, restarted.readEvents(GapAwareTrackingToken.newInstance(1099, List.of()), false)
                .findFirst().orElseThrow().trackingToken().position().orElseThrow());
    }

    @Test
    void aStoreOfTheReservingEngineHasItsHolesFilledAndKeepsItsEvents() {
        engine.appendEvents(Engines.events("old", 0, 2));
        var commits = client.getDatabase("proof-events").getCollection("commits");
        var counters = client.getDatabase("proof-events").getCollection("counters");
        // Written as the reserving engine did: indexes 2-3 reserved by a writer that died, then a commit at 4-5.
        Document moved = commits.find(Filters.eq("_id", 0L)).first();
        moved.put("_id", 4L);
        moved.put("last", 5L);
        moved.put("key", "old2/0");
        moved.put("aggregateId", "old2");
        commits.insertOne(moved);
        counters.deleteMany(new Document());
        counters.insertOne(new Document("_id", "global").append("next", 7L));

        GlobalSequenceEventStorageEngine migrated = Engines.engine(client, index -> { });

        assertEquals(List.of(0L, 1L, 4L, 5L), migrated.readEvents(null, false)
                .map(e -> e.trackingToken().position().orElseThrow()).toList(), "holes 2-3 and 6 were filled");
        assertNull(counters.find(Filters.eq("_id", "global")).first(), "the reserving counter is gone");
        migrated.appendEvents(Engines.events("new", 0, 1));
        assertEquals(7L, migrated.readEvents(GapAwareTrackingToken.newInstance(5, List.of()), false)
                .findFirst().orElseThrow().trackingToken().position().orElseThrow(), "appends go on after the old end");
        assertEquals(2, migrated.readEvents("old2").asStream().count(), "old commits read as before");
    }

    @Test
    void tokensAtTheTailTheHeadAndAnInstant() throws Exception {
        assertNull(engine.createTailToken());
        assertNull(engine.createHeadToken());
        engine.appendEvents(Engines.events("a", 0, 2));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        engine.appendEvents(Engines.events("b", 0, 3));

        assertEquals(GapAwareTrackingToken.newInstance(4, List.of()), engine.createHeadToken());
        TrackingToken atInstant = engine.createTokenAt(between);
        assertEquals(GapAwareTrackingToken.newInstance(1, List.of()), atInstant);
        assertEquals(List.of("b", "b", "b"), engine.readEvents(atInstant, false)
                .map(e -> ((ProofEvent) e.getPayload()).writer()).toList());
        assertNull(engine.createTokenAt(Instant.EPOCH));
        assertEquals(engine.createHeadToken(), engine.createTokenAt(Instant.now().plusSeconds(60)));
    }

    @Test
    void theLatestSnapshotWins() {
        engine.storeSnapshot(new GenericDomainEventMessage<>("Proof", "agg", 10, new ProofEvent("snap", 10)));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Proof", "agg", 5, new ProofEvent("snap", 5)));
        DomainEventMessage<?> snapshot = engine.readSnapshot("agg").orElseThrow();
        assertEquals(10L, snapshot.getSequenceNumber());
        assertEquals(new ProofEvent("snap", 10), snapshot.getPayload());
        engine.storeSnapshot(new GenericDomainEventMessage<>("Proof", "agg", 20, new ProofEvent("snap", 20)));
        assertEquals(20L, engine.readSnapshot("agg").orElseThrow().getSequenceNumber());
        assertTrue(engine.readSnapshot("other").isEmpty());
    }

    @Test
    void eventsWrittenInAnOldShapeAreUpcastOnRead() {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Legacy", "old", 0, new LegacyEvent("Ana"))));
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        GlobalSequenceEventStorageEngine upcasting = GlobalSequenceEventStorageEngine.builder()
                .database(client.getDatabase("proof-events"))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new LegacyToProof())
                .build();

        assertEquals(new ProofEvent("Ana", 1), upcasting.readEvents("old").next().getPayload());
        assertEquals(new ProofEvent("Ana", 1), upcasting.readEvents(null, false).findFirst().orElseThrow().getPayload());
        assertEquals(LegacyEvent.class.getName(), client.getDatabase("proof-events").getCollection("commits")
                .find(Filters.eq("aggregateId", "old")).first().getList("events", Document.class).get(0)
                .getString("payloadType"), "the stored event is left as it was written");
    }

    /** The shape an event had before it became {@link ProofEvent}. */
    public record LegacyEvent(String author) {
    }

    private static final class LegacyToProof extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(LegacyEvent.class.getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(ProofEvent.class.getName(), "2"),
                    JsonNode.class, node -> {
                        ObjectNode upcast = ((ObjectNode) node).objectNode();
                        upcast.put("writer", node.get("author").asText());
                        upcast.put("number", 1);
                        return upcast;
                    });
        }
    }

    private static List<String> writers(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((ProofEvent) e.getPayload()).writer()).toList();
    }

    private List<? extends TrackedEventMessage<?>> trackAll() {
        return engine.readEvents(null, false).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
