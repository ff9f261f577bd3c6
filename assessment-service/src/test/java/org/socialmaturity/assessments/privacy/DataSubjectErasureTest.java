package org.socialmaturity.assessments.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operator erases a person through the API: their identity and notes read "erased", nothing else changes. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DataSubjectErasureTest {

    private static final String ADMIN_KEY = "local-admin-key";

    @Inject
    MongoClient mongo;

    @Test
    void anErasedPersonsIdentityNotesAndReasonsReadErasedWhileTheirAnswersAndOthersStay() {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Privada SA");
        String assessment = partner.startAssessment(company);
        partner.request().header("X-Actor", "elena@portal.example")
                .body(Map.of("optionId", "director", "note", "Hablado con Elena Ruiz, directora"))
                .put("/api/v1/assessments/{a}/answers/governance-owner", assessment).then().statusCode(200)
                .body("recordedBy", equalTo("elena@portal.example"))
                .body("note", equalTo("Hablado con Elena Ruiz, directora"));
        partner.request().header("X-Actor", "pablo@portal.example").body(Map.of("value", 2, "note", "Dos agentes"))
                .put("/api/v1/assessments/{a}/answers/team-dedicated-staff", assessment).then().statusCode(200);
        StringBuilder stored = new StringBuilder();
        mongo.getDatabase("platform-events").getCollection("commits").find(Filters.eq("aggregateId", assessment))
                .forEach(d -> stored.append(d.toJson()));
        assertFalse(stored.toString().contains("Elena") || stored.toString().contains("elena@"),
                "neither the identity nor the note is stored in clear");

        given().header("X-Admin-Key", ADMIN_KEY).post("/api/v1/admin/data-subjects/{s}/erase", "elena@portal.example")
                .then().statusCode(200).body("erasedKeys", hasSize(1));

        partner.request().get("/api/v1/assessments/{a}", assessment).then().statusCode(200)
                .body("answers.find { it.questionId == 'governance-owner' }.recordedBy", equalTo("erased"))
                .body("answers.find { it.questionId == 'governance-owner' }.note", equalTo("erased"))
                .body("answers.find { it.questionId == 'governance-owner' }.optionId", equalTo("director"))
                .body("answers.find { it.questionId == 'team-dedicated-staff' }.recordedBy",
                        equalTo("pablo@portal.example"))
                .body("answers.find { it.questionId == 'team-dedicated-staff' }.note", equalTo("Dos agentes"));
        given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/integrity").then().statusCode(200)
                .body("intact", equalTo(true));
        given().header("X-Admin-Key", ADMIN_KEY).post("/api/v1/admin/data-subjects/{s}/erase", "elena@portal.example")
                .then().statusCode(404).contentType("application/problem+json");
        given().post("/api/v1/admin/data-subjects/{s}/erase", "pablo@portal.example").then().statusCode(401);

        // Erasure is of what was: if the person acts again, what they write now is theirs under a new key.
        partner.request().header("X-Actor", "elena@portal.example").body(Map.of("optionId", "director", "note", "Otra"))
                .put("/api/v1/assessments/{a}/answers/governance-owner", assessment).then().statusCode(200)
                .body("recordedBy", equalTo("elena@portal.example")).body("note", equalTo("Otra"));
    }
}
