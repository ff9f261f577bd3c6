package org.socialmaturity.scoring.evidence;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.verifier.Verifier;
import org.socialmaturity.web.evidence.Attachments;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An answer's evidence, from the event to the history, its CSV, the attachment's download and the dossier. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EvidenceRoundTripTest {

    private static final String LINK_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    EventStore store;

    @Inject
    Attachments attachments;

    @Inject
    Checkpoints checkpoints;

    @Inject
    MongoClient mongo;

    @Test
    void evidenceIsShownInTheHistoryTheCsvAndTheDossierAndTheAttachmentIsServedToItsPartnerOnly() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Con pruebas SA");
        String assessment = scenario.startAssessment(company);
        byte[] minutes = ("Acta " + company).getBytes(StandardCharsets.UTF_8);
        String sha256 = attachments.store(minutes, "text/plain");
        Question first = EventScenario.V1.questions().get(0);
        RawAnswer plain = EventScenario.answerOfLevel(first, 3);
        scenario.answer(company, assessment, first.id(), new RawAnswer(plain.optionId(), plain.value(), null, List.of(
                Evidence.link("https://intranet.example/politica.pdf", LINK_HASH, "Política"),
                Evidence.attachment(sha256, "acta.txt", "text/plain", minutes.length, "Acta del comité"))));
        await().untilAsserted(() -> partner(scenario).get("/api/v1/companies/{id}/history", company).then()
                .statusCode(200).body("total", equalTo(1)));

        partner(scenario).get("/api/v1/companies/{id}/history", company).then()
                .body("items[0].answer.evidence[0].url", equalTo("https://intranet.example/politica.pdf"))
                .body("items[0].answer.evidence[1].sha256", equalTo(sha256))
                .body("items[0].answer.evidence[1].attachmentName", equalTo("acta.txt"));
        String csv = partner(scenario).accept("text/csv").get("/api/v1/companies/{id}/history", company).then()
                .extract().asString();
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().endsWith(",https://intranet.example/politica.pdf sha256:"
                + LINK_HASH + " ; attachment acta.txt sha256:" + sha256 + ","), "evidence, then no import: " + csv);
        byte[] served = partner(scenario).get("/api/v1/companies/{id}/attachments/{sha}", company, sha256).then()
                .statusCode(200).contentType("text/plain").header("Content-Disposition",
                        "attachment; filename=\"acta.txt\"").header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(minutes, served);
        given().header("X-Partner-Id", "partner-other").get("/api/v1/companies/{id}/attachments/{sha}", company, sha256)
                .then().statusCode(404);
        partner(scenario).get("/api/v1/companies/{id}/attachments/{sha}", company, LINK_HASH).then().statusCode(404);

        Verifier.Verdict verdict = Verifier.verify(dossier(scenario, company), checkpoints.key().publicKey());
        assertTrue(verdict.ok(), String.valueOf(verdict.problems()));
        assertEquals(sha256, verdict.dossier().attachments().get(0).sha256());
        assertTrue(verdict.facts().contains("1 attached document(s) match the SHA-256 their answers name"),
                String.valueOf(verdict.facts()));

        // The kept document swapped in the database: the dossier's copy no longer is what the answer names.
        mongo.getDatabase("platform-events").getCollection("attachments").updateOne(Filters.eq("_id", sha256),
                Updates.set("content", new Binary("Otra acta".getBytes(StandardCharsets.UTF_8))));
        Verifier.Verdict swapped = Verifier.verify(dossier(scenario, company), checkpoints.key().publicKey());
        mongo.getDatabase("platform-events").getCollection("attachments").updateOne(Filters.eq("_id", sha256),
                Updates.set("content", new Binary(minutes)));
        assertFalse(swapped.ok());
        assertTrue(swapped.problems().get(0).startsWith("the dossier's copy of acta.txt, attached at global index "),
                String.valueOf(swapped.problems()));
    }

    private byte[] dossier(EventScenario scenario, String company) {
        return partner(scenario).get("/api/v1/companies/{id}/dossier", company).then().statusCode(200).extract()
                .asByteArray();
    }

    private static io.restassured.specification.RequestSpecification partner(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
