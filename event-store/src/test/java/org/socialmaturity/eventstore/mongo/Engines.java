package org.socialmaturity.eventstore.mongo;

import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;

/** Builds the engine the way the proofs need it, outside Quarkus, in any process. */
final class Engines {

    private Engines() {
    }

    static GlobalSequenceEventStorageEngine engine(MongoClient client, LongConsumer beforeInsert) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        return GlobalSequenceEventStorageEngine.builder()
                .database(client.getDatabase("proof-events"))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .beforeInsert(beforeInsert)
                .build();
    }

    /** {@code count} events of one writer's aggregate, numbered from {@code first}. */
    static List<DomainEventMessage<?>> events(String writer, int first, int count) {
        return IntStream.range(first, first + count)
                .<DomainEventMessage<?>>mapToObj(n -> new GenericDomainEventMessage<>("Proof", writer, n,
                        new ProofEvent(writer, n)))
                .toList();
    }
}
