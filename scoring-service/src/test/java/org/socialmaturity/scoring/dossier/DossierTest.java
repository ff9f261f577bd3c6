package org.socialmaturity.scoring.dossier;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.verifier.Verifier;
import org.socialmaturity.verifier.Verifier.Verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A company's dossier, fetched as a partner fetches it, checked by the offline verifier: untouched it verifies and its
 * recomputed maturity is the API's; a store changed in MongoDB or a dossier changed in the hand show where.
 */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DossierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    Checkpoints checkpoints;

    @Test
    void anUntouchedDossierVerifiesWithThePlatformsKeyAndRecomputesTheMaturityTheApiAnswers() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = phaseTwoThenThree(scenario, "Verificable SA");
        scenario.issueAdvice(company, AdviceIssued.Trigger.phaseChange(2, 3), List.of("P3-1"),
                List.of("GOVERNANCE"));

        byte[] dossier = dossier(scenario.partnerId, company);
        Verdict verdict = Verifier.verify(dossier, SigningKey.publicKey(checkpoints.key().publicKeyBase64()));

        assertTrue(verdict.ok(), String.valueOf(verdict.problems()));
        Map<String, Object> api = given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/maturity", company).then().statusCode(200).extract().as(Map.class);
        Dossier.Figures recomputed = verdict.recomputed();
        assertEquals(api.get("phase"), recomputed.phase());
        assertEquals(api.get("quadrant"), recomputed.quadrant());
        assertEquals(((Number) api.get("index")).doubleValue(), recomputed.index());
        assertEquals(((Number) api.get("investment")).doubleValue(), recomputed.investment());
        List<Map<String, Object>> dimensions = (List<Map<String, Object>>) api.get("dimensions");
        dimensions.forEach(d -> assertEquals(((Number) d.get("score")).doubleValue(),
                recomputed.dimensionScores().get((String) d.get("id"))));
        assertEquals(api.get("holdingBack"), recomputed.holdingBack());
        Dossier read = JSON.readValue(dossier, Dossier.class);
        assertEquals(List.of(2, 3), read.derived().phaseTransitions().stream().map(Dossier.PhaseChange::to)
                .toList());
        assertEquals(1, read.derived().advice().size());
    }

    @Test
    void aPayloadChangedInMongoDbIsReportedAtItsGlobalIndex() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = phaseTwoThenThree(scenario, "Manipulada SA");
        Dossier before = JSON.readValue(dossier(scenario.partnerId, company), Dossier.class);
        long changed = before.commits().stream().filter(c -> c.events().stream()
                .anyMatch(e -> e.payloadType().endsWith("AnswerRecorded"))).skip(3).findFirst().orElseThrow().first();

        String original = commits().find(Filters.eq("_id", changed)).first().getList("events", Document.class).get(0)
                .getString("payload");
        commits().updateOne(Filters.eq("_id", changed), Updates.set("events.0.payload",
                original.replace("\"auditor@test\"", "\"someone-else@test\"")));
        try {
            Verdict verdict = Verifier.verify(dossier(scenario.partnerId, company), null);
            assertFalse(verdict.ok());
            assertTrue(verdict.problems().get(0).contains("the commit at global index " + changed + " does not match "
                    + "its hash"), String.valueOf(verdict.problems()));
        } finally {
            // The store is shared by this application's tests: others read it whole.
            commits().updateOne(Filters.eq("_id", changed), Updates.set("events.0.payload", original));
        }
    }

    @Test
    void anotherCompanysCommitRemovedBetweenTwoOfThisCompanysIsReportedWhereTheChainBreaks() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Vecina SA");
        String assessment = scenario.startAssessment(company);
        EventScenario neighbour = new EventScenario(store);
        neighbour.registerCompany("Otra SA");
        scenario.answerAll(company, assessment, 2);
        awaitEntries(scenario.partnerId, company, EventScenario.V1.questions().size());
        Dossier before = JSON.readValue(dossier(scenario.partnerId, company), Dossier.class);
        long removed = before.links().stream().filter(l -> l.first() > before.commits().get(0).first())
                .findFirst().orElseThrow().first();

        Document kept = commits().find(Filters.eq("_id", removed)).first();
        commits().deleteOne(Filters.eq("_id", removed));
        try {
            Verdict verdict = Verifier.verify(dossier(scenario.partnerId, company), null);
            assertFalse(verdict.ok());
            assertTrue(verdict.problems().stream().anyMatch(p -> p.contains("global indexes " + removed + " to "
                    + removed + " are missing")), String.valueOf(verdict.problems()));
        } finally {
            // The store is shared by this application's tests: others read it whole.
            commits().insertOne(kept);
        }
    }

    @Test
    void aDossierChangedByHandFailsItsSignatureAndItsRecomputation() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = phaseTwoThenThree(scenario, "Retocada SA");
        ObjectNode dossier = (ObjectNode) JSON.readTree(dossier(scenario.partnerId, company));
        ((ObjectNode) dossier.get("derived").get("maturity")).put("phase", 4);

        Verdict verdict = Verifier.verify(JSON.writeValueAsBytes(dossier), null);

        assertTrue(verdict.problems().contains("the dossier's signature does not verify: it was changed after the "
                + "platform signed it"), String.valueOf(verdict.problems()));
        assertTrue(verdict.problems().stream().anyMatch(p -> p.startsWith("the maturity now: the dossier says")),
                String.valueOf(verdict.problems()));
        Verdict forged = Verifier.verify(dossier(scenario.partnerId, company), SigningKey.throwaway().publicKey());
        assertTrue(forged.problems().get(0).contains("not by the pinned key"), String.valueOf(forged.problems()));
    }

    @Test
    void anotherPartnersCompanysDossierIsNotFound() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Ajena SA");
        await().untilAsserted(() -> given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/dossier", company).then().statusCode(200));

        given().header("X-Partner-Id", "partner-other").get("/api/v1/companies/{id}/dossier", company)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/dossier", "no-such-company")
                .then().statusCode(404);
    }

    /** Phase 2 (every answer of level 2), then phase 3 (every answer raised to 3): two phase changes. */
    private String phaseTwoThenThree(EventScenario scenario, String name) {
        String company = scenario.registerCompany(name);
        String assessment = scenario.startAssessment(company);
        scenario.answerAll(company, assessment, 2);
        for (Question question : EventScenario.V1.questions()) {
            scenario.answer(company, assessment, question.id(), EventScenario.answerOfLevel(question, 3));
        }
        int answers = 2 * EventScenario.V1.questions().size();
        awaitEntries(scenario.partnerId, company, answers);
        await().untilAsserted(() -> given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/trajectory", company).then().statusCode(200)
                .body("transitions.size()", org.hamcrest.Matchers.equalTo(2)));
        return company;
    }

    private void awaitEntries(String partnerId, String company, int answers) {
        await().untilAsserted(() -> given().header("X-Partner-Id", partnerId)
                .get("/api/v1/companies/{id}/trajectory", company).then().statusCode(200)
                .body("points.size()", org.hamcrest.Matchers.equalTo(answers)));
    }

    private byte[] dossier(String partnerId, String company) {
        return given().header("X-Partner-Id", partnerId).get("/api/v1/companies/{id}/dossier", company)
                .then().statusCode(200).extract().asByteArray();
    }

    private MongoCollection<Document> commits() {
        return mongo.getDatabase("platform-events").getCollection("commits");
    }
}
