package org.socialmaturity.assessments.integrity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operator checks the event store's hash chain through the API, and finds a commit changed in the database. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IntegrityEndpointTest {

    private static final String ADMIN_KEY = "local-admin-key";

    @Inject
    MongoClient mongo;

    @Inject
    AxonRuntime axon;

    @Test
    void anIntactStoreReportsItsHeadAndAChangedCommitIsFoundAtItsIndex() {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Íntegra SA");
        partner.startAssessment(company);
        MongoCollection<Document> commits = mongo.getDatabase("platform-events").getCollection("commits");
        Document registered = commits.find(Filters.eq("aggregateId", company)).first();
        long head = axon.storageEngine().headIndex();

        given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/integrity")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("firstBreak", nullValue())
                .body("verifiedUpTo", equalTo((int) head));

        long at = ((Number) registered.get("_id")).longValue();
        String original = registered.getList("events", Document.class).get(0).getString("payload");
        commits.updateOne(Filters.eq("_id", at), Updates.set("events.0.payload", original.replace("Íntegra", "Otra")));
        try {
            given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/integrity")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBreak.globalIndex", equalTo((int) at))
                    .body("firstBreak.reason", containsString("does not match its hash"))
                    .body("headHash", nullValue());
        } finally {
            commits.updateOne(Filters.eq("_id", at), Updates.set("events.0.payload", original));
        }
        given().get("/api/v1/admin/integrity").then().statusCode(401);
    }

    @Test
    void aCheckpointSignedOnDemandIsCheckedByEveryLaterIntegrityCheckAndCatchesCommitsRemovedFromTheEnd() {
        PartnerApi partner = PartnerApi.newPartner();
        partner.registerCompany("Firmada SA");
        long head = axon.storageEngine().headIndex();

        Map<String, Object> checkpoint = given().header("X-Admin-Key", ADMIN_KEY)
                .post("/api/v1/admin/integrity/checkpoints").then().statusCode(200)
                .body("headIndex", equalTo((int) head)).extract().as(Map.class);
        Map<String, Object> report = given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/integrity")
                .then().statusCode(200).body("intact", equalTo(true)).extract().as(Map.class);
        assertTrue(((Number) report.get("checkpointsVerified")).intValue() >= 1);
        assertEquals(checkpoint.get("keyId"), report.get("keyId"));
        Checkpoint signed = new Checkpoint(head, (String) checkpoint.get("headHash"),
                (String) checkpoint.get("signedAt"), (String) checkpoint.get("keyId"),
                (String) checkpoint.get("signature"));
        assertTrue(signed.signedBy(SigningKey.publicKey((String) report.get("publicKey"))),
                "verifiable with the key the check publishes");

        MongoCollection<Document> commits = mongo.getDatabase("platform-events").getCollection("commits");
        Document last = commits.find(Filters.lte("_id", head)).sort(new Document("_id", -1)).first();
        commits.deleteOne(Filters.eq("_id", last.get("_id")));
        try {
            given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/integrity")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBreak.reason", containsString("commits were removed from its end"));
        } finally {
            commits.insertOne(last);
        }
        given().header("X-Admin-Key", "wrong").post("/api/v1/admin/integrity/checkpoints").then().statusCode(403);
    }
}
