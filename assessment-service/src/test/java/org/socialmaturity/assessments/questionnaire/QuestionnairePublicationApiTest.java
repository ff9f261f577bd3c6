package org.socialmaturity.assessments.questionnaire;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The operator publishes v2 through the API; assessments started before keep v1. In an application and a MongoDB of
 * its own (a profile of its own): the current version is platform-wide.
 */
@QuarkusTest
@TestProfile(QuestionnairePublicationApiTest.OwnPlatform.class)
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QuestionnairePublicationApiTest {

    private static final String ADMIN_KEY = "local-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    @Test
    void v2IsRefusedWithTheRuleItBreaksThenPublishedWhileV1AssessmentsKeepV1() throws IOException {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Versiones SA");
        String onV1 = partner.startAssessment(company);

        given().contentType(ContentType.JSON).body(example().toString()).post("/api/v1/admin/questionnaires")
                .then().statusCode(401);
        ObjectNode broken = example();
        ((ArrayNode) broken.with("questionnaire").withArray("dimensions")).remove(0);
        ((ArrayNode) broken.with("mapping").withArray("questions")).addObject()
                .put("from", "governance-owner").put("to", "team-dedicated-staff");
        publish(broken).then().statusCode(400).contentType("application/problem+json")
                .body("violations.message", hasItem("question governance-owner names unknown dimension GOVERNANCE"))
                .body("violations.message", hasItem(org.hamcrest.Matchers.startsWith("dimensions must stay")))
                .body("violations.find { it.message.startsWith('mapping governance-owner') }.field",
                        equalTo("mapping"));
        partner.request().get("/api/v1/questionnaires").then().statusCode(200)
                .body("current", equalTo("v1")).body("versions.version", equalTo(List.of("v1")));

        publish(example()).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/questionnaires/v2"))
                .body("version", equalTo("v2")).body("mappedFrom", equalTo("v1"))
                .body("current", equalTo("v2")).body("versions", equalTo(List.of("v1", "v2")));
        publish(example()).then().statusCode(200).body("version", equalTo("v2"));
        ObjectNode changed = example();
        changed.with("questionnaire").put("phaseShare", 0.7);
        publish(changed).then().statusCode(400)
                .body("violations.message", hasItem("version v2 is published already: a change is a new version"));
        assertEquals(1L, store.readEvents(QuestionnairePublished.CATALOGUE_ID).asStream().count(),
                "one version, one event: refused and repeated publications record nothing");

        partner.request().get("/api/v1/questionnaires").then().statusCode(200)
                .body("current", equalTo("v2"))
                .body("versions[1].mapping.from", equalTo("v1"))
                .body("versions[1].mapping.carryUnchanged", equalTo(true))
                .body("versions[0].mapping", nullValue());
        partner.request().get("/api/v1/questionnaires/current").then().statusCode(200)
                .body("version", equalTo("v2")).body("questions", hasSize(23));

        // Started before: pinned v1, answered in v1, and v2's questions are not its questions.
        partner.answer(onV1, "responsiveness-resolution", Map.of("optionId", "most-cases")).then().statusCode(200);
        partner.answer(onV1, "responsiveness-resolution-public", Map.of("optionId", "most-cases"))
                .then().statusCode(400).body("violations[0].field", equalTo("questionId"));
        partner.request().get("/api/v1/assessments/{id}", onV1).then().body("questionnaireVersion", equalTo("v1"));

        String onV2 = partner.startAssessment(company);
        partner.request().get("/api/v1/assessments/{id}", onV2).then().body("questionnaireVersion", equalTo("v2"));
        partner.answer(onV2, "responsiveness-private-resolution-hours", Map.of("value", 6)).then().statusCode(200);
        partner.answer(onV2, "responsiveness-resolution", Map.of("optionId", "most-cases")).then().statusCode(400);

        // Not applicable: only where v2 marks the question optional in scope, with a reason, and it answers it.
        partner.answer(onV2, "crm-handle-linking", Map.of("notApplicable", true, "reason", "No CRM",
                        "evidence", List.of()))
                .then().statusCode(200)
                .body("notApplicable", equalTo(true)).body("reason", equalTo("No CRM"))
                .body("level", nullValue()).body("optionId", nullValue());
        partner.answer(onV2, "governance-owner", Map.of("notApplicable", true, "reason", "No owner"))
                .then().statusCode(400).body("violations[0].field", equalTo("notApplicable"));
        partner.answer(onV2, "crm-data-use", Map.of("notApplicable", true, "optionId", "reports"))
                .then().statusCode(400).body("violations.field", equalTo(List.of("optionId", "reason")));
        partner.answer(onV2, "crm-data-use", Map.of("notApplicable", "yes", "reason", "No CRM"))
                .then().statusCode(400).body("violations.field", equalTo(List.of("notApplicable")));
        partner.request().get("/api/v1/assessments/{id}", onV2).then().statusCode(200)
                .body("missing", not(hasItem("crm-handle-linking")))
                .body("missing", hasItem("crm-data-use"));
    }

    private static io.restassured.response.Response publish(ObjectNode body) {
        return given().header("X-Admin-Key", ADMIN_KEY).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/admin/questionnaires");
    }

    private static ObjectNode example() throws IOException {
        try (InputStream in = QuestionnairePublication.class.getClassLoader()
                .getResourceAsStream(QuestionnairePublication.EXAMPLE_V2)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    public static class OwnPlatform implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.questionnaires.freshness", "1s");
        }
    }
}
