package org.socialmaturity.scoring.timeline;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A read model that disagrees with the store heals itself from the event store; it never answers 500. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealingTest {

    private static final int QUESTIONS = EventScenario.V1.questions().size();

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    TimelineRepository timelines;

    @Inject
    ReadModelGenerations generations;

    @Test
    void aHistoryThatLostEntriesIsRebuiltFromTheEventStoreInsteadOfFailing() {
        EventScenario scenario = new EventScenario(store);
        String company = twoAssessmentsProjected(scenario, "Desmemoriada SA");
        List<String> lost = List.of("e0", "e7", "e30");
        List<Document> written = pages().find(Filters.regex("_id", "^" + company + "/")).into(new ArrayList<>());

        // As if the store lost three entries before any replica read them: the document still counts them.
        lost.forEach(entry -> pages().updateMany(Filters.regex("_id", "^" + company + "/"), Updates.unset(entry)));

        List<Map<String, Object>> history = history(scenario, company);
        assertEquals(2 * QUESTIONS, history.size(), "answered whole, not 500");
        assertEquals(((Number) sortedById(written).get(0).get("e0", Document.class)
                .get("globalIndex")).longValue(), ((Number) history.get(0).get("globalIndex")).longValue());
        assertEquals(sortedById(written), sortedById(pages().find(Filters.regex("_id", "^" + company + "/"))
                .into(new ArrayList<>())), "written back exactly as the projection had written them");
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200).body("points.size()", org.hamcrest.Matchers.equalTo(2 * QUESTIONS));
    }

    @Test
    void anExportThatFindsAPageLostPartWayHasEveryRowInOrder() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Exportada SA");
        // More entries than one read of the export takes (512), so that the lost page is met after rows were sent.
        int assessments = 600 / QUESTIONS + 1;
        for (int i = 0; i < assessments; i++) {
            scenario.answerAll(company, scenario.startAssessment(company), 1 + i % 4);
        }
        int entries = assessments * QUESTIONS;
        await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> assertEquals(entries, timelines.storedEntries(timelines.find(company).orElseThrow())
                .size()));
        pages().deleteOne(Filters.eq("_id", company + "/" + (TimelineRepository.PAGE_SIZE * 16 + 5) / TimelineRepository.PAGE_SIZE));

        String csv = given().header("X-Partner-Id", scenario.partnerId).accept("text/csv")
                .get("/api/v1/companies/{id}/history", company).then().statusCode(200).extract().asString();

        List<Long> globalIndexes = csv.lines().skip(1).map(row -> Long.parseLong(row.split(",")[9])).toList();
        assertEquals(entries, globalIndexes.size(), "every row, the lost ones rebuilt from the event store");
        assertEquals(globalIndexes.stream().sorted().distinct().toList(), globalIndexes, "each once, in order");
    }

    @Test
    void aRebuildNeverUndoesWhatTheProjectionAppliedMeanwhile() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Concurrida SA");
        String assessment = scenario.startAssessment(company);
        scenario.answerAll(company, assessment, 2);
        await().untilAsserted(() -> assertEquals(QUESTIONS, timelines.find(company).map(t -> t.entryCount).orElse(0)));
        CompanyTimeline readByRebuild = timelines.find(company).orElseThrow();

        // The worst moment: the rebuild has read the timeline, the projection applies one more answer, then the
        // rebuild writes what it computed from the older state.
        scenario.answer(company, assessment, "governance-owner",
                EventScenario.answerOfLevel(EventScenario.V1.question("governance-owner").orElseThrow(), 3));
        await().untilAsserted(() -> assertEquals(QUESTIONS + 1, timelines.find(company).orElseThrow().entryCount));
        CompanyTimeline stale = timelines.find(company).orElseThrow();
        stale.entryCount = readByRebuild.entryCount;
        stale.lastIndex = readByRebuild.lastIndex;

        assertFalse(timelines.replace(stale, timelines.storedEntries(readByRebuild), readByRebuild.lastIndex,
                readByRebuild.entryCount), "refused: the document is no longer the one the rebuild read");
        assertEquals(QUESTIONS + 1, timelines.find(company).orElseThrow().entryCount);
        assertEquals(QUESTIONS + 1, history(scenario, company).size(), "the newer answer is still there");
    }

    @Test
    void aWriteOfADocumentThatChangedSinceItWasReadIsRefusedAndChangesNothing() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Disputada SA");
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        // The company's last events are the phase and quadrant it was found in, after its answers: once they are
        // applied, nothing else writes its document while the writes below race each other.
        await().untilAsserted(() -> {
            CompanyTimeline projected = timelines.find(company).orElseThrow();
            assertEquals(QUESTIONS, projected.entryCount);
            assertFalse(projected.transitions.isEmpty());
            assertFalse(projected.quadrantTransitions.isEmpty());
        });
        int generation = generations.current(TimelineRepository.READ_MODEL);
        long readAt = timelines.find(company).orElseThrow().lastIndex;
        CompanyTimeline first = timelines.find(company).orElseThrow();
        CompanyTimeline second = timelines.find(company).orElseThrow();
        first.lastIndex = readAt + 1_000_000;
        first.companyName = "written by the first writer";
        second.lastIndex = readAt + 2_000_000;
        second.companyName = "written by the second writer";

        assertEquals(java.util.Set.of(), timelines.write(generation, Map.of(company, first), Map.of(company, readAt)));
        assertEquals(java.util.Set.of(company), timelines.write(generation, Map.of(company, second),
                Map.of(company, readAt)), "the second writer read the document before the first wrote it");
        assertEquals(java.util.Set.of(company), timelines.write(generation, Map.of(company, second),
                Map.of(company, -1L)), "a writer that found no document finds one now");
        assertEquals("written by the first writer", timelines.find(company).orElseThrow().companyName);

        assertEquals(java.util.Set.of(), timelines.write(generation, Map.of(company, second),
                Map.of(company, readAt + 1_000_000)), "read again, it writes");
        assertEquals("written by the second writer", timelines.find(company).orElseThrow().companyName);
    }

    private static List<Document> sortedById(List<Document> documents) {
        return documents.stream().sorted(java.util.Comparator.comparing(d -> d.getString("_id"))).toList();
    }

    @Test
    void theCacheNeverServesEntriesTheStoreNoLongerHolds() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Restaurada SA");
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        await().untilAsserted(() -> assertEquals(QUESTIONS, history(scenario, company).size()));
        List<Map<String, Object>> before = history(scenario, company);

        // The store restored to an earlier point: ten answers, the document at the tenth.
        long tenth = ((Number) before.get(9).get("globalIndex")).longValue();
        current("timelines").updateOne(Filters.eq("_id", company),
                Updates.combine(Updates.set("entryCount", 10), Updates.set("lastIndex", tenth)));
        IntStream.range(10, QUESTIONS).forEach(n -> pages().updateOne(Filters.eq("_id", company + "/0"),
                Updates.unset("e" + n)));

        assertEquals(before.subList(0, 10), history(scenario, company));
    }

    private MongoCollection<Document> pages() {
        return current("timeline_pages");
    }

    /** The collection partners read now: the read model keeps one per generation. */
    private MongoCollection<Document> current(String collection) {
        return mongo.getDatabase("scoring").getCollection(collection + "_g" + generations.current(TimelineRepository.READ_MODEL));
    }

    /** A company answered whole twice, once all its entries are stored. */
    private String twoAssessmentsProjected(EventScenario scenario, String name) {
        String company = scenario.registerCompany(name);
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        scenario.answerAll(company, scenario.startAssessment(company), 3);
        await().untilAsserted(() -> assertEquals(2 * QUESTIONS, timelines.storedEntries(timelines.find(company)
                .orElseThrow()).size()));
        return company;
    }

    private static List<Map<String, Object>> history(EventScenario scenario, String company) {
        return given().header("X-Partner-Id", scenario.partnerId).queryParam("size", 100)
                .get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

}
