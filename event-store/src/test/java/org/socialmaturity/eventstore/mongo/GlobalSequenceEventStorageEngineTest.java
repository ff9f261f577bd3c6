package org.socialmaturity.eventstore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        // An hour: a reader that had to wait for a gap to time out would never see the later events.
        engine = Engines.engine(client, Duration.ofHours(1), first -> { });
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
    void aLostRaceIsAConflictAndItsReservedIndexesDoNotHoldReadersBack() {
        engine.appendEvents(Engines.events("agg", 0, 2));
        // Two writers both loaded version 1; the first appends 2, the second 2 and 3.
        engine.appendEvents(Engines.events("agg", 2, 1));

        assertThrows(AggregateStreamCreationException.class, () -> engine.appendEvents(Engines.events("agg", 0, 1)));
        assertThrows(ConcurrencyException.class, () -> engine.appendEvents(Engines.events("agg", 2, 2)));
        engine.appendEvents(Engines.events("agg", 3, 1));

        assertEquals(List.of(0L, 1L, 2L, 3L), engine.readEvents("agg").asStream()
                .map(DomainEventMessage::getSequenceNumber).toList());
        List<? extends TrackedEventMessage<?>> tracked = trackAll();
        assertEquals(4, tracked.size(), "the voided reservations were passed at once");
        assertEquals(6L, tracked.get(3).trackingToken().position().orElseThrow(), "indexes 3-5 were voided");
    }

    @Test
    void aReaderWaitsAtAGapThatMayStillBeFilled() throws Exception {
        java.util.concurrent.CountDownLatch reserved = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GlobalSequenceEventStorageEngine slow = Engines.engine(client, Duration.ofHours(1), first -> {
            if (calls.incrementAndGet() == 2) {
                reserved.countDown();
                await(release);
            }
        });
        slow.appendEvents(Engines.events("first", 0, 1));
        Thread writer = new Thread(() -> slow.appendEvents(Engines.events("second", 0, 1)));
        writer.start();
        reserved.await();
        engine.appendEvents(Engines.events("third", 0, 1));

        assertEquals(List.of("first"), trackAll().stream().map(e -> ((ProofEvent) e.getPayload()).writer()).toList(),
                "index 2 is committed but index 1 is in flight: the reader holds back");
        release.countDown();
        writer.join();
        assertEquals(List.of("first", "second", "third"),
                trackAll().stream().map(e -> ((ProofEvent) e.getPayload()).writer()).toList());
    }

    @Test
    void aWriterTooSlowForTheGapTimeoutReservesAgainInsteadOfWritingIntoAPassedGap() {
        AtomicInteger calls = new AtomicInteger();
        GlobalSequenceEventStorageEngine hesitant = Engines.engine(client, Duration.ofMillis(200), first -> {
            if (calls.incrementAndGet() == 1) {
                sleep(150);
            }
        });
        hesitant.appendEvents(Engines.events("late", 0, 1));

        List<? extends TrackedEventMessage<?>> tracked = trackAll();
        assertEquals(1, tracked.size());
        assertEquals(1L, tracked.get(0).trackingToken().position().orElseThrow(), "index 0 was voided");
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

    private List<? extends TrackedEventMessage<?>> trackAll() {
        return engine.readEvents(null, false).toList();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
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
