package org.socialmaturity.recommendations.advice;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;
import org.socialmaturity.web.readmodel.ReadModelGenerations;
import org.socialmaturity.recommendations.PublishedEvents;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Phase and quadrant changes appended as scoring-service would; the advice read through the API. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdviceApiTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    AxonRuntime axon;

    @Inject
    ReadModelGenerations generations;

    @Inject
    AdviceLogProjection logs;

    @Test
    void everyChangeIsAdvisedNewestFirstInEitherLanguage() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerAndChange(partner);

        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.trigger.type", contains("PHASE_DROPPED", "QUADRANT_CHANGED", "PHASE_ENTERED"))
                .body("items[0].items[0].code", equalTo("ALERT.PHASE_DROPPED"))
                .body("items[0].items[0].body", org.hamcrest.Matchers.containsString("Listening"))
                .body("items[2].items[0].code", equalTo("PHASE.3"))
                .body("items[2].items", hasSize(4))
                .body("items[2].items[0].source", startsWith("004")));
        given().header("X-Partner-Id", partner).queryParam("lang", "es").get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200)
                .body("items[0].items[0].title", equalTo("Alerta: la empresa ha bajado de fase"))
                .body("items[0].items[0].body", org.hamcrest.Matchers.containsString("Escucha"));
        given().header("X-Partner-Id", "someone-else").get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", "no-such-company")
                .then().statusCode(404);
    }

    @Test
    void adviceStoredBeforePhasesWereNumbersIsServedWithNumbers() {
        String partner = "partner-" + UUID.randomUUID();
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Early SA", "retail", "ES", 10, T));
        // Appended by the engine as a writer of the earlier shape did: {"type", "from", "to"}, all text.
        GlobalSequenceEventStorageEngine earlierWriter = GlobalSequenceEventStorageEngine.builder()
                .database(mongo.getDatabase(StoredEvents.DATABASE))
                .eventSerializer(earlierShapeSerializer())
                .snapshotSerializer(earlierShapeSerializer())
                .build();
        String stream = AdviceIssued.streamIdOf(company);
        earlierWriter.appendEvents(List.of(
                new GenericDomainEventMessage<>("CompanyAdvice", stream, 0, new AdviceIssued("advice-1", company,
                        partner, AdviceIssued.Trigger.phaseChange(null, 2), List.of("PHASE.2"), List.of("LISTENING"),
                        "answer-1", 1, T)),
                new GenericDomainEventMessage<>("CompanyAdvice", stream, 1, new AdviceIssued("advice-2", company,
                        partner, AdviceIssued.Trigger.quadrantChange(Quadrant.OBSERVERS, Quadrant.CONTENDERS),
                        List.of("QUADRANT.CONTENDERS"), List.of("LISTENING"), "answer-2", 2, T.plusSeconds(1)))));
        String stored = new StoredEvents(mongo).ofAggregate(stream).get(0).payload();
        assertTrue(stored.contains("\"to\":\"2\""), stored);

        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].trigger.type", equalTo("QUADRANT_CHANGED"))
                .body("items[0].trigger.fromQuadrant", equalTo("OBSERVERS"))
                .body("items[0].trigger.toQuadrant", equalTo("CONTENDERS"))
                .body("items[0].trigger.toPhase", nullValue())
                .body("items[1].trigger.type", equalTo("PHASE_ENTERED"))
                .body("items[1].trigger.fromPhase", nullValue())
                .body("items[1].trigger.toPhase", equalTo(2))
                .body("items[1].trigger.toQuadrant", nullValue())
                .body("items[1].trigger", not(hasKey("to"))));

        // A log document written before, holding the earlier shape, reads the same.
        await().untilAsserted(() -> assertEquals(2, currentLogs().find(com.mongodb.client.model.Filters.eq("_id", company))
                .first().getList("issued", Document.class).size()));
        currentLogs().updateOne(com.mongodb.client.model.Filters.eq("_id", company),
                com.mongodb.client.model.Updates.set("issued.0.trigger",
                        new Document("type", "PHASE_ENTERED").append("from", null).append("to", "2")));
        given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200)
                .body("items[1].trigger.toPhase", equalTo(2))
                .body("items[1].trigger.fromPhase", nullValue())
                .body("items[1].trigger", not(hasKey("to")));
    }

    /** Jackson as the platform configures it, writing triggers as they were written until 2026-11-27. */
    private static JacksonSerializer earlierShapeSerializer() {
        SimpleModule earlier = new SimpleModule().addSerializer(AdviceIssued.Trigger.class,
                new StdSerializer<>(AdviceIssued.Trigger.class) {
                    @Override
                    public void serialize(AdviceIssued.Trigger trigger, JsonGenerator json, SerializerProvider provider)
                            throws java.io.IOException {
                        boolean quadrant = trigger.type().equals(AdviceIssued.Trigger.QUADRANT_CHANGED);
                        Object from = quadrant ? trigger.fromQuadrant() : trigger.fromPhase();
                        Object to = quadrant ? trigger.toQuadrant() : trigger.toPhase();
                        json.writeStartObject();
                        json.writeStringField("type", trigger.type());
                        json.writeStringField("from", from == null ? null : from.toString());
                        json.writeStringField("to", to.toString());
                        json.writeEndObject();
                    }
                });
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                .registerModule(earlier)).build();
    }

    @Test
    void theConsistencyCheckFindsAChangeTheAdviceLogLost() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerAndChange(partner);
        await().untilAsserted(() -> assertEquals(List.of(), consistencyOf(company)));

        // As if the log lost the advice of the second change (restored from an old backup).
        currentLogs().updateOne(
                com.mongodb.client.model.Filters.eq("_id", company),
                com.mongodb.client.model.Updates.popLast("issued"));

        List<Map<String, Object>> differences = consistencyOf(company);
        assertEquals(1, differences.size(), differences.toString());
        assertEquals("advice", differences.get(0).get("readModel"));
        assertEquals(3, differences.get(0).get("expected"));
        assertEquals(2, differences.get(0).get("actual"));
        assertEquals("DIFFERENT", differences.get(0).get("state"), "nothing will heal it but a replay");
        given().header("X-Admin-Key", "local-admin-key").get("/api/v1/admin/projections/scoring/consistency")
                .then().statusCode(404);
    }

    private static List<Map<String, Object>> consistencyOf(String company) {
        return given().header("X-Admin-Key", "local-admin-key")
                .get("/api/v1/admin/projections/recommendation/consistency")
                .then().statusCode(200).extract().jsonPath()
                .getList("differences.findAll { it.companyId == '" + company + "' }");
    }

    @Test
    void aReplayRebuildsTheSameLogsAndIssuesNothingAgain() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerAndChange(partner);
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().body("total", equalTo(3)));
        await().untilAsserted(() -> assertEquals(0, axon.progress(AdviceDecisions.PROCESSOR).orElseThrow().lag()));
        // Only this company's log: another test here damages its own on purpose, and a replay rightly repairs it.
        List<Document> before = sorted(ownedBy(company, logs.raw()));
        long issuedBefore = issuedAdvice();

        given().post("/api/v1/admin/projections/recommendation/replay").then().statusCode(401);
        int generation = generations.current(AdviceLogProjection.READ_MODEL);
        given().header("X-Admin-Key", "local-admin-key").post("/api/v1/admin/projections/recommendation/replay")
                .then().statusCode(202)
                .body("readModel", equalTo(AdviceLogProjection.READ_MODEL))
                .body("generation", equalTo(generation + 1));
        await().untilAsserted(() -> given().header("X-Admin-Key", "local-admin-key")
                .get("/api/v1/admin/projections/recommendation/replay").then().body("state", equalTo("DONE"))
                .body("currentGeneration", equalTo(generation + 1)));
        assertEquals(before, sorted(ownedBy(company, logs.raw())), "the new generation holds the same log");
        assertEquals(issuedBefore, issuedAdvice(), "no advice issued twice");
    }

    @Test
    void changesHandledAgainAfterACrashIssueNothingTwice() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerAndChange(partner);
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().body("total", equalTo(3)));
        await().untilAsserted(() -> assertEquals(0, axon.progress(AdviceDecisions.PROCESSOR).orElseThrow().lag()));
        long issuedBefore = issuedAdvice();
        long registeredAt = new StoredEvents(mongo).all().stream()
                .filter(e -> e.aggregateId().equals(company)).findFirst().orElseThrow().globalIndex();

        // As if the process died after IssueAdvice and before the token was saved.
        StreamingEventProcessor processor = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(AdviceDecisions.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        TokenStore tokens = axon.configuration().eventProcessingConfiguration().tokenStore(AdviceDecisions.PROCESSOR);
        tokens.storeToken(GapAwareTrackingToken.newInstance(registeredAt - 1, java.util.Collections.emptySet()),
                AdviceDecisions.PROCESSOR, 0);
        tokens.releaseClaim(AdviceDecisions.PROCESSOR, 0);
        processor.start();

        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().body("total", equalTo(3)));
        await().untilAsserted(() -> assertEquals(0, axon.progress(AdviceDecisions.PROCESSOR).orElseThrow().lag()));
        assertEquals(issuedBefore, issuedAdvice(), "no advice issued twice");
    }

    private com.mongodb.client.MongoCollection<Document> currentLogs() {
        return mongo.getDatabase("recommendation").getCollection("advice_logs_g"
                + generations.current(AdviceLogProjection.READ_MODEL));
    }

    /** A company that enters phase 3, changes quadrant and drops to phase 2. */
    private String registerAndChange(String partner) {
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Advised SA", "retail", "ES", 10, T));
        String maturity = "maturity:" + company;
        PublishedEvents.publish(store, maturity, 0,
                new MaturityPhaseChanged(company, partner, null, 3, Quadrant.SOCIAL_FIRST, 60,
                scores(3.0), "answer-1", 1, T.plusSeconds(1)));
        PublishedEvents.publish(store, maturity, 1,
                new QuadrantChanged(company, partner, Quadrant.SOCIAL_FIRST, Quadrant.CONSERVATIVE,
                60, 45, scores(2.5), "answer-2", 2, T.plusSeconds(2)));
        PublishedEvents.publish(store, maturity, 2,
                new MaturityPhaseChanged(company, partner, 3, 2, Quadrant.CONSERVATIVE, 40,
                scores(2.0), "answer-3", 3, T.plusSeconds(3)));
        return company;
    }

    private static Map<String, Double> scores(double listening) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String dimension : List.of("GOVERNANCE", "ADOPTION", "WORKING_GROUP", "PROTOCOLS", "TEAM", "CHANNELS",
                "KPIS", "RESPONSIVENESS", "SOCIAL_CRM")) {
            scores.put(dimension, 3.0);
        }
        scores.put("LISTENING", listening);
        return scores;
    }


    private long issuedAdvice() {
        return new StoredEvents(mongo).all().stream()
                .filter(e -> e.payloadType().equals(AdviceIssued.class.getName())).count();
    }

    private static List<Document> ownedBy(String company, List<Document> documents) {
        return documents.stream().filter(d -> company.equals(d.get("_id"))).toList();
    }

    private static List<Document> sorted(List<Document> documents) {
        return documents.stream().sorted((a, b) -> String.valueOf(a.get("_id")).compareTo(String.valueOf(b.get("_id"))))
                .toList();
    }
}
