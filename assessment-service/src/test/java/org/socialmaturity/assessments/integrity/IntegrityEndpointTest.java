package org.socialmaturity.assessments.integrity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.localmongo.LocalMongoTestResource;

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
}
