package org.socialmaturity.assessments.operations;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsEndpointsTest {

    @Inject
    MongoClient mongo;

    @Inject
    AxonRuntime axon;

    /** What docs/operations.md, "Durability", promises: a 200 is on a majority, journaled; reads see only what cannot roll back. */
    @Test
    void everyWriteIsMajorityJournaledAndEveryReadMajority() {
        for (String database : List.of("platform-events", "assessment")) {
            assertEquals(WriteConcern.MAJORITY.withJournal(true), mongo.getDatabase(database).getWriteConcern());
            assertEquals(ReadConcern.MAJORITY, mongo.getDatabase(database).getReadConcern());
        }
        assertEquals(WriteConcern.MAJORITY.withJournal(true), axon.storageEngine().writeConcern(),
                "the event store's appends");
        assertEquals(ReadConcern.MAJORITY, axon.storageEngine().readConcern(), "the event store's tracking reads");
    }

    @Test
    void readyWhenMongoAnswersAndTheProcessorsRun() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-processors"))
                .body("checks.name", hasItem("MongoDB connection health check"))
                .body("checks.find { it.name == 'event-processors' }.data.findAll { it.key.startsWith("
                        + "'company-directory-') }.values()", containsInAnyOrder(equalTo("standby"),
                        matchesPattern("running, 1 segment\\(s\\) claimed, position (none|\\d+), lag \\d+, dead letters 0")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsDescribedWithAnExampleOfWhatItAnswers() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        List<String> undocumented = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                operations++;
                Map<String, Object> op = operation.getValue();
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                if (op.get("summary") == null || op.get("description") == null) {
                    undocumented.add(name + " lacks a summary or description");
                }
                String responses = String.valueOf(op.get("responses"));
                if (!responses.contains("example")) {
                    undocumented.add(name + " shows no example response");
                }
            }
        }
        assertEquals(24, operations, "the public operations of assessment-service, rebuild (start, progress, cancel), "
                + "dead letters, consistency, the event store's integrity, its checkpoints, erasure, targets, the questionnaire "
                + "versions and their publication, and imports included");
        assertEquals(List.of(), undocumented);
        assertTrue(openapi.getMap("components.schemas").containsKey("Company"));
    }

    @Test
    void prometheusShowsTheEventStoreHeadAndEachProcessorsPositionAndLag() {
        new org.socialmaturity.assessments.PartnerApi("metrics-partner").registerCompany("Measured SA");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("platform_eventstore_head "), metrics);
        assertTrue(metrics.contains("platform_processor_position{processor=\"company-directory-a\"}"), metrics);
        assertTrue(metrics.contains("platform_processor_lag{processor=\"company-directory-a\"}"), metrics);
        assertTrue(metrics.contains("platform_processor_events_handled_total{processor=\"company-directory-a\"}"), metrics);
    }

    @Test
    void theOperatorRebuildsTheCompanyDirectory() {
        org.socialmaturity.assessments.PartnerApi partner = org.socialmaturity.assessments.PartnerApi.newPartner();
        String first = partner.registerCompany("Listed before");
        String second = partner.registerCompany("Listed after");

        given().header("X-Admin-Key", "local-admin-key").post("/api/v1/admin/projections/scoring/replay")
                .then().statusCode(404);
        given().header("X-Admin-Key", "local-admin-key").post("/api/v1/admin/projections/assessment/replay")
                .then().statusCode(202)
                .body("readModel", equalTo("company-directory"));
        await().untilAsserted(() -> given().header("X-Admin-Key", "local-admin-key")
                .get("/api/v1/admin/projections/assessment/replay").then().body("state", equalTo("DONE")));
        await().untilAsserted(() -> partner.request().get("/api/v1/companies")
                .then().body("items.id", org.hamcrest.Matchers.contains(first, second)));
        // The slot the old generation used stops: its lag is no lag (an alert on growing lag must not fire for it).
        await().untilAsserted(() -> assertTrue(given().get("/q/metrics").then().extract().asString()
                .contains("platform_processor_lag{processor=\"company-directory-a\"} NaN")));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
