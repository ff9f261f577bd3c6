package org.socialmaturity.scoring.privacy;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.verifier.Verifier;
import org.socialmaturity.web.privacy.PersonalData;
import org.socialmaturity.web.privacy.SubjectKeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person's erasure, as scoring shows it: who answered and their notes read "erased" in the history, its CSV and the
 * dossier, a replay of the read models keeps them so, and the scores and the hash chain are untouched.
 */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErasureTest {

    private static final String ADMIN_KEY = "local-admin-key";

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    PersonalData personalData;

    @Inject
    SubjectKeys keys;

    @Inject
    Checkpoints checkpoints;

    @Test
    void anErasedPersonReadsErasedEverywhereEvenAfterAReplayWhileScoresAndTheChainStay() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Olvidada SA");
        String assessment = scenario.startAssessment(company);
        List<Question> questions = EventScenario.V1.questions();
        for (int i = 0; i < questions.size(); i++) {
            String actor = i % 2 == 0 ? "ana.garcia@portal.example" : "luis@portal.example";
            RawAnswer answer = EventScenario.answerOfLevel(questions.get(i), 2);
            scenario.answerBy(actor, personalData, company, assessment, questions.get(i).id(),
                    new RawAnswer(answer.optionId(), answer.value(), "Nota de " + actor));
        }
        await().untilAsserted(() -> partner(scenario).get("/api/v1/companies/{id}/maturity", company).then()
                .statusCode(200).body("determinate", equalTo(true)));
        assertFalse(rawCommitsOf(assessment).contains("ana.garcia"), "the store holds no identity in clear");
        List<Map<String, Object>> before = history(scenario, company);
        assertEquals("ana.garcia@portal.example", before.get(0).get("actor"));
        assertEquals("Nota de ana.garcia@portal.example", ((Map<?, ?>) before.get(0).get("answer")).get("note"));
        Object indexBefore = partner(scenario).get("/api/v1/companies/{id}/maturity", company).then().extract()
                .path("index");

        assertEquals(1, keys.erase("ana.garcia@portal.example", Instant.now()).size());

        assertErasedForAnaOnly(scenario, company);
        given().header("X-Admin-Key", ADMIN_KEY).post("/api/v1/admin/projections/scoring/replay")
                .then().statusCode(202);
        await().untilAsserted(() -> given().header("X-Admin-Key", ADMIN_KEY)
                .get("/api/v1/admin/projections/scoring/replay").then().statusCode(200)
                .body("state", equalTo("DONE")));
        assertErasedForAnaOnly(scenario, company);
        partner(scenario).get("/api/v1/companies/{id}/maturity", company).then().body("index", equalTo(indexBefore));
        byte[] dossier = partner(scenario).get("/api/v1/companies/{id}/dossier", company).then().statusCode(200)
                .extract().asByteArray();
        Verifier.Verdict verdict = Verifier.verify(dossier, checkpoints.key().publicKey());
        // Every commit of the company still holds its hash and leads to a signed checkpoint: erasure changed nothing
        // stored. (Other tests of this application tamper with the store elsewhere, so not the whole chain here.)
        assertTrue(verdict.ok(), String.valueOf(verdict.problems()));
        List<Dossier.Revealed> people = verdict.dossier().derived().personalData();
        assertEquals(List.of("erased", "luis@portal.example"), people.stream().limit(2)
                .map(Dossier.Revealed::actor).toList());
        assertEquals(List.of("erased", "Nota de luis@portal.example"), people.stream().limit(2)
                .map(Dossier.Revealed::note).toList());
    }

    private void assertErasedForAnaOnly(EventScenario scenario, String company) {
        List<Map<String, Object>> history = history(scenario, company);
        assertEquals("erased", history.get(0).get("actor"));
        assertEquals("erased", ((Map<?, ?>) history.get(0).get("answer")).get("note"));
        assertEquals("luis@portal.example", history.get(1).get("actor"));
        assertEquals("Nota de luis@portal.example", ((Map<?, ?>) history.get(1).get("answer")).get("note"));
        String csv = partner(scenario).accept("text/csv").get("/api/v1/companies/{id}/history", company).then()
                .statusCode(200).extract().asString();
        assertFalse(csv.contains("ana.garcia"), csv);
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().contains(",erased,"), csv);
        assertTrue(csv.contains("luis@portal.example"), csv);
    }

    private List<Map<String, Object>> history(EventScenario scenario, String company) {
        return partner(scenario).queryParam("size", 100).get("/api/v1/companies/{id}/history", company).then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    private String rawCommitsOf(String assessment) {
        StringBuilder raw = new StringBuilder();
        mongo.getDatabase("platform-events").getCollection("commits").find(Filters.eq("aggregateId", assessment))
                .forEach(d -> raw.append(d.toJson()));
        return raw.toString();
    }

    private static io.restassured.specification.RequestSpecification partner(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
