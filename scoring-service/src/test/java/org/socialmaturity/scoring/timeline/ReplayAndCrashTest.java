package org.socialmaturity.scoring.timeline;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.scoring.maturity.MaturityDecisions;
import org.socialmaturity.web.readmodel.ReadModelGenerations;
import org.socialmaturity.web.readmodel.ReadModelSlots;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReplayAndCrashTest {

    private static final String ADMIN_KEY = "local-admin-key";

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    AxonRuntime axon;

    @Inject
    TimelineRepository timelines;

    @Inject
    ReadModelGenerations generations;

    @Inject
    ReadModelSlots slots;

    @Test
    void aReplayRebuildsIdenticalReadModelsAndDeclaresNothingAgain() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Replayed SA");
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        scenario.answerAll(company, scenario.startAssessment(company), 4);
        scenario.answerAll(company, scenario.startAssessment(company), 1);
        awaitCaughtUp();
        // Only this company's documents: other tests in this application tamper with theirs on purpose.
        List<Document> before = sorted(ownedBy(company, timelines.raw()));
        long changesBefore = declaredChanges();

        given().post("/api/v1/admin/projections/scoring/replay").then().statusCode(401);
        given().header("X-Admin-Key", "wrong").post("/api/v1/admin/projections/scoring/replay").then().statusCode(403);
        int generation = generations.current(TimelineRepository.READ_MODEL);
        given().header("X-Admin-Key", ADMIN_KEY).post("/api/v1/admin/projections/scoring/replay")
                .then().statusCode(202)
                .body("readModel", equalTo(TimelineRepository.READ_MODEL))
                .body("state", equalTo("REBUILDING"))
                .body("generation", equalTo(generation + 1));
        await().untilAsserted(() -> {
            String progress = given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/projections/scoring/replay")
                    .then().statusCode(200).extract().asString();
            assertTrue(progress.contains("\"state\":\"DONE\""), progress);
        });
        assertEquals(generation + 1, generations.current(TimelineRepository.READ_MODEL), "the new generation is current");
        assertEquals(before, sorted(ownedBy(company, timelines.raw())), "read models rebuilt field by field");

        assertEquals(changesBefore, declaredChanges(), "no phase or quadrant change declared twice");
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/trajectory", company)
                .then().body("transitions[0].from", org.hamcrest.Matchers.nullValue())
                .body("transitions[0].to", equalTo(2))
                .body("transitions[-1].to", equalTo(1));
    }

    @Test
    void onlyARunningRebuildCanBeCancelled() {
        await().untilAsserted(() -> given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/projections/scoring/replay")
                .then().body("state", org.hamcrest.Matchers.not(equalTo("REBUILDING"))));
        given().header("X-Admin-Key", ADMIN_KEY).delete("/api/v1/admin/projections/scoring/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Nothing to cancel for " + TimelineRepository.READ_MODEL));
        given().delete("/api/v1/admin/projections/scoring/replay").then().statusCode(401);
    }

    @Test
    void aCrashBetweenDeclaringAChangeAndSavingTheDecisionStateDeclaresItOnce() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Crashed SA");
        String assessment = scenario.startAssessment(company);
        scenario.answerAll(company, assessment, 3);
        awaitCaughtUp();
        awaitTransitions(scenario, company, 1);
        long registeredAt = timelines.view(scenario.partnerId, company).entries().get(0).globalIndex() - 2;
        long changesBefore = declaredChanges();

        // As if the process died after RecordMaturity and before the decision state and the token were saved: the
        // state is gone and the token is back before the company's first event.
        StreamingEventProcessor processor = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(MaturityDecisions.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        TokenStore tokens = axon.configuration().eventProcessingConfiguration().tokenStore(MaturityDecisions.PROCESSOR);
        mongo.getDatabase("scoring").getCollection("maturity_decisions").deleteOne(Filters.eq("_id", company));
        tokens.storeToken(GapAwareTrackingToken.newInstance(registeredAt - 1, Collections.emptySet()),
                MaturityDecisions.PROCESSOR, 0);
        tokens.releaseClaim(MaturityDecisions.PROCESSOR, 0);
        processor.start();

        awaitTransitions(scenario, company, 1);
        assertEquals(changesBefore, declaredChanges(), "the change was not declared a second time");
        assertTrue(processor.isRunning());
    }

    @Test
    void aBatchAppliedAgainAfterACrashBeforeItsTokenWasStoredChangesNothing() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Repetida SA");
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        awaitCaughtUp();
        List<Document> before = sorted(ownedBy(company, timelines.raw()));
        long registeredAt = timelines.view(scenario.partnerId, company).entries().get(0).globalIndex() - 2;

        // As if the replica died after writing the batch's history entries, before the company document and the token:
        // the batch is applied again, its entries are written a second time.
        String slot = slots.currentProcessor(TimelineRepository.READ_MODEL);
        StreamingEventProcessor processor = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(slot, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        mongo.getDatabase("scoring").getCollection("timelines_g" + generations.current(TimelineRepository.READ_MODEL))
                .deleteOne(Filters.eq("_id", company));
        TokenStore tokens = axon.configuration().eventProcessingConfiguration().tokenStore(slot);
        tokens.storeToken(GapAwareTrackingToken.newInstance(registeredAt - 1, Collections.emptySet()), slot, 0);
        tokens.releaseClaim(slot, 0);
        processor.start();

        await().untilAsserted(() -> assertTrue(axon.progress(slot).orElseThrow().position().orElse(-1)
                > registeredAt + EventScenario.V1.questions().size(), "the slot read the company's events again"));
        awaitCaughtUp();
        assertEquals(before, sorted(ownedBy(company, timelines.raw())), "the same documents, no entry twice");
    }

    private static List<Document> ownedBy(String company, List<Document> documents) {
        return documents.stream().filter(d -> d.getString("_id").startsWith(company)).toList();
    }

    /** Until the decisions and the timeline have handled everything in the store, including declared changes. */
    private void awaitCaughtUp() {
        for (int round = 0; round < 2; round++) {
            for (String processor : List.of(MaturityDecisions.PROCESSOR, slots.currentProcessor(TimelineRepository.READ_MODEL))) {
                await().untilAsserted(() -> {
                    var progress = axon.progress(processor).orElseThrow();
                    assertEquals(0, progress.lag(), progress.toString());
                });
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitTransitions(EventScenario scenario, String company, int count) {
        await().untilAsserted(() -> given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200)
                .body("transitions.size()", equalTo(count)));
    }

    private long declaredChanges() {
        return new StoredEvents(mongo).all().stream()
                .filter(e -> e.payloadType().equals(MaturityPhaseChanged.class.getName())
                        || e.payloadType().equals(QuadrantChanged.class.getName()))
                .count();
    }

    private static List<Document> sorted(List<Document> documents) {
        return documents.stream().sorted((a, b) -> String.valueOf(a.get("_id")).compareTo(String.valueOf(b.get("_id"))))
                .toList();
    }
}
