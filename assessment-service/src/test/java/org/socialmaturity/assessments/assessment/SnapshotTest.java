package org.socialmaturity.assessments.assessment;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SnapshotTest {

    @Inject
    MongoClient mongo;

    @Test
    void aLongAssessmentIsSnapshottedAndStillReadsRight() {
        PartnerApi partner = PartnerApi.newPartner();
        String assessmentId = partner.startAssessment(partner.registerCompany("Indecisive SA"));
        String[] options = {"junior-marketer", "social-media-manager", "director", "executive"};
        for (int i = 0; i < 60; i++) {
            partner.answer(assessmentId, "governance-owner", Map.of("optionId", options[i % 4]))
                    .then().statusCode(200).body("changed", equalTo(true));
        }
        partner.answer(assessmentId, "team-dedicated-staff", Map.of("value", 3)).then().statusCode(200);

        Document snapshot = mongo.getDatabase("platform-events").getCollection("snapshots")
                .find(Filters.eq("_id", assessmentId)).first();
        assertNotNull(snapshot, "61 events passed the snapshot threshold of 50 (taken after the 50th, sequence 49)");
        assertTrue(((Number) snapshot.get("sequence")).longValue() >= 49, snapshot.toJson());
        partner.request().get("/api/v1/assessments/{id}", assessmentId)
                .then().statusCode(200)
                .body("answers.find { it.questionId == 'governance-owner' }.optionId", equalTo("executive"))
                .body("answers.find { it.questionId == 'team-dedicated-staff' }.level", equalTo(3))
                .body("answered", equalTo(2));
    }
}
