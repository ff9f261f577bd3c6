package org.socialmaturity.system;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;

/**
 * Events appended straight to the shared event store, as the services' engine appends them: for tests that need a
 * store far larger than answering through HTTP could fill in time.
 */
final class DirectAppends {

    private final GlobalSequenceEventStorageEngine engine;

    DirectAppends(MongoClient mongo) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
        this.engine = GlobalSequenceEventStorageEngine.builder().database(mongo.getDatabase("platform-events"))
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
    }

    /** One commit per aggregate among {@code events}, as one unit of work appends them. */
    void append(List<? extends EventMessage<?>> events) {
        engine.appendEvents(events);
    }
}
