package org.socialmaturity.eventstore.mongo;

import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.createEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngineTest;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.localmongo.LocalMongo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * Axon's own storage-engine test suite ({@code axon-eventsourcing}'s {@link AbstractEventStorageEngineTest} and
 * {@code EventStorageEngineTest}) run against {@link GlobalSequenceEventStorageEngine} on an in-process
 * mongo-java-server. Every inherited test runs as Axon wrote it, except those overridden below, each with the reason
 * our engine differs and a test of what it does instead.
 *
 * <p>Every engine of a test, including those the inherited tests build mid-test with {@link #createEngine}, uses the
 * same store (emptied before each test) and the same {@link SettableClock}: the commit time the engine records, which
 * is what {@link GlobalSequenceEventStorageEngine#createTokenAt} goes by.
 */
class AxonStorageEngineSuiteTest
        extends AbstractEventStorageEngineTest<GlobalSequenceEventStorageEngine, GlobalSequenceEventStorageEngine.Builder> {

    /** A commit time of the overridden token tests: years after the 2007 timestamps Axon's tests give the events. */
    private static final Instant COMMITTED = Instant.parse("2024-05-01T12:00:00Z");

    private static LocalMongo mongo;
    private static MongoClient client;

    private final SettableClock clock = new SettableClock(COMMITTED);
    private MongoDatabase database;
    private GlobalSequenceEventStorageEngine engine;

    @BeforeAll
    static void startMongo() {
        mongo = LocalMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void emptyStoreAndNewEngine() {
        database = client.getDatabase("axon-suite");
        database.drop();
        engine = createEngine(builder -> builder);
        setTestSubject(engine);
    }

    @Override
    protected GlobalSequenceEventStorageEngine createEngine(UnaryOperator<GlobalSequenceEventStorageEngine.Builder> customization) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        GlobalSequenceEventStorageEngine.Builder builder = GlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .clock(clock);
        return customization.apply(builder).build();
    }

    // ---- Event identifiers -------------------------------------------------------------------------------------
    // Axon's JPA and JDBC engines put a unique index on the event identifier, so two events with one identifier in
    // different aggregates are refused. Our engine does not index event identifiers (it would cost every append a
    // multikey index write): Axon generates them as UUIDs, and the unique key of a commit is its stream key
    // (aggregate identifier and sequence number), which is what detects concurrent appends. These overrides assert
    // that documented behaviour: both events are stored, and the stream key still refuses a second event at a taken
    // aggregate version, whatever its identifier.

    // Differs from Axon: event identifiers are not unique keys here (see above); the stream key is.
    @Test
    @Override
    public void uniqueKeyConstraintOnFirstEventIdentifierThrowsAggregateIdentifierAlreadyExistsException() {
        engine.appendEvents(createEvent("id", "aggregate", 0), createEvent("id", "otherAggregate", 0));

        assertEquals(List.of("id"), identifiers(engine.readEvents("aggregate").asStream().toList()));
        assertEquals(List.of("id"), identifiers(engine.readEvents("otherAggregate").asStream().toList()));
        assertThrows(AggregateStreamCreationException.class,
                () -> engine.appendEvents(createEvent("another-id", "aggregate", 0)));
        assertEquals(List.of("id", "id"), identifiers(engine.readEvents(null, false).toList()),
                "the refused event took no global index");
    }

    // Differs from Axon: event identifiers are not unique keys here (see above); the stream key is.
    @Test
    @Override
    public void uniqueKeyConstraintOnEventIdentifier() {
        engine.appendEvents(createEvent("id", "aggregate", 1), createEvent("id", "otherAggregate", 1));

        assertEquals(List.of("id"), identifiers(engine.readEvents("aggregate", 1).asStream().toList()));
        assertEquals(List.of("id"), identifiers(engine.readEvents("otherAggregate", 1).asStream().toList()));
        assertThrows(ConcurrencyException.class,
                () -> engine.appendEvents(createEvent("another-id", "otherAggregate", 1)));
        assertEquals(List.of("id", "id"), identifiers(engine.readEvents(null, false).toList()),
                "the refused event took no global index");
    }

    // ---- Tokens at an instant ----------------------------------------------------------------------------------
    // Axon's engines place createTokenAt(instant) by the events' own timestamps, which Axon's tests set to 2007 and
    // out of order. Our engine places it by commit time: the engine clock when the commit was inserted, found by a
    // binary search over global indexes. The token is the position just before the first commit made at or after the
    // instant, and reading on delivers everything after it in insertion (global) order, whatever the events' own
    // timestamps say. These overrides append Axon's events with Axon's timestamps, commit them at chosen clock times,
    // and assert that semantics, including that the events' timestamps play no part. (createTailToken,
    // createHeadToken and createTokenAtTimeBeforeFirstEvent hold for both semantics and run as Axon wrote them.)

    // Differs from Axon: the token goes by commit time, not by the events' timestamps (see above).
    @Test
    @Override
    public void createTokenAt() {
        DomainEventMessage<String> event1 = createEvent(0, Instant.parse("2007-12-03T10:15:00.00Z"));
        DomainEventMessage<String> event2 = createEvent(1, Instant.parse("2007-12-03T10:15:40.00Z"));
        DomainEventMessage<String> event3 = createEvent(2, Instant.parse("2007-12-03T10:15:35.00Z"));
        appendCommittedAt(COMMITTED, event1);
        appendCommittedAt(COMMITTED.plusSeconds(40), event2, event3);

        assertEventStreamsById(List.of(event2, event3), readAfter(engine.createTokenAt(COMMITTED.plusSeconds(30))));
        assertEventStreamsById(List.of(event1, event2, event3),
                readAfter(engine.createTokenAt(Instant.parse("2007-12-03T10:15:30.00Z"))),
                "every commit was made after the instant Axon's test asks for");
    }

    // Differs from Axon: the token goes by commit time, not by the events' timestamps (see above).
    @Test
    @Override
    public void createTokenAtExactTime() {
        DomainEventMessage<String> event1 = createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z"));
        DomainEventMessage<String> event2 = createEvent(1, Instant.parse("2007-12-03T10:15:40.00Z"));
        DomainEventMessage<String> event3 = createEvent(2, Instant.parse("2007-12-03T10:15:35.00Z"));
        appendCommittedAt(COMMITTED, event1);
        appendCommittedAt(COMMITTED.plusSeconds(10), event2, event3);

        assertEventStreamsById(List.of(event1, event2, event3), readAfter(engine.createTokenAt(COMMITTED)),
                "a commit made exactly at the instant is after the token");
        assertEventStreamsById(List.of(event2, event3), readAfter(engine.createTokenAt(COMMITTED.plusMillis(1))));
        assertEventStreamsById(List.of(event2, event3), readAfter(engine.createTokenAt(COMMITTED.plusSeconds(10))));
    }

    // Differs from Axon: the token goes by commit time and reading on follows insertion order, not the events'
    // timestamps (see above).
    @Test
    @Override
    public void createTokenWithUnorderedEvents() {
        DomainEventMessage<String> event1 = createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z"));
        DomainEventMessage<String> event2 = createEvent(1, Instant.parse("2007-12-03T10:15:40.00Z"));
        DomainEventMessage<String> event3 = createEvent(2, Instant.parse("2007-12-03T10:15:50.00Z"));
        DomainEventMessage<String> event4 = createEvent(3, Instant.parse("2007-12-03T10:15:45.00Z"));
        DomainEventMessage<String> event5 = createEvent(4, Instant.parse("2007-12-03T10:15:42.00Z"));
        List<DomainEventMessage<String>> events = List.of(event1, event2, event3, event4, event5);
        for (int n = 0; n < events.size(); n++) {
            appendCommittedAt(COMMITTED.plusSeconds(n), events.get(n));
        }

        assertEventStreamsById(List.of(event3, event4, event5), readAfter(engine.createTokenAt(COMMITTED.plusSeconds(2))),
                "in the order they were appended, though their own timestamps go back");
        assertEventStreamsById(List.of(event5), readAfter(engine.createTokenAt(COMMITTED.plusMillis(3500))));
        assertEventStreamsById(List.of(event1, event2, event3, event4, event5),
                readAfter(engine.createTokenAt(Instant.parse("2007-12-03T10:15:45.00Z"))),
                "every commit was made after the instant Axon's test asks for");
    }

    // Differs from Axon: the token goes by commit time, not by the events' timestamps (see above).
    @Test
    @Override
    public void createTokenAtTimeAfterLastEvent() {
        DomainEventMessage<String> event1 = createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z"));
        DomainEventMessage<String> event2 = createEvent(1, Instant.parse("2007-12-03T10:15:40.00Z"));
        DomainEventMessage<String> event3 = createEvent(2, Instant.parse("2007-12-03T10:15:35.00Z"));
        appendCommittedAt(COMMITTED, event1, event2, event3);

        TrackingToken afterLastCommit = engine.createTokenAt(COMMITTED.plusSeconds(1));
        assertEquals(List.of(), readAfter(afterLastCommit));
        assertEquals(engine.createHeadToken(), afterLastCommit);
        assertEventStreamsById(List.of(event1, event2, event3),
                readAfter(engine.createTokenAt(Instant.parse("2008-12-03T10:15:30.00Z"))),
                "after the events' own timestamps, but before they were committed");
    }

    /** Keeps the engines' clock where a test puts it: the commit time of what is appended next. */
    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void appendCommittedAt(Instant committedAt, EventMessage<?>... events) {
        clock.set(committedAt);
        engine.appendEvents(events);
    }

    private List<EventMessage<?>> readAfter(TrackingToken token) {
        return engine.readEvents(token, false).<EventMessage<?>>map(e -> e).toList();
    }

    private void assertEventStreamsById(List<EventMessage<?>> expected, List<EventMessage<?>> actual, String message) {
        assertEquals(identifiers(expected), identifiers(actual), message);
    }

    private static List<String> identifiers(List<? extends EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).toList();
    }
}
