package org.socialmaturity.recommendations.advice;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.RoadmapItemUpdated;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.recommendations.PublishedEvents;
import org.socialmaturity.web.privacy.SubjectKeys;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Advice issued from phase changes appended as scoring-service would; the roadmap assigned and read through the API. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoadmapApiTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    EventStore store;

    @Inject
    SubjectKeys subjectKeys;

    @Test
    void anItemIssuedTwiceIsOneItemThatKeepsItsAssignmentAndExportsAsCsv() throws IOException {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerEnterDropAndEnterAgain(partner);
        await().untilAsserted(() -> roadmap(partner, company).then().statusCode(200)
                .body("items.findAll { it.code == 'PHASE.2' }", hasSize(1))
                .body("items.find { it.code == 'PHASE.2' }.adviceIds", hasSize(2))
                .body("items.find { it.code == 'PHASE.2' }.status", equalTo("OPEN"))
                .body("items.find { it.code == 'PHASE.2' }.owner", nullValue()));

        assign(partner, company, "PHASE.2", "{\"status\":\"IN_PROGRESS\",\"owner\":\"lucía@cliente.example\","
                + "\"due\":\"2027-03-31\"}")
                .then().statusCode(200)
                .body("code", equalTo("PHASE.2"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("owner", equalTo("lucía@cliente.example"))
                .body("due", equalTo("2027-03-31"))
                .body("updatedBy", equalTo("maria@portal.example"))
                .body("adviceIds", hasSize(2));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).queryParam("lang", "es")
                .get("/api/v1/companies/{id}/roadmap", company).then().statusCode(200)
                .body("items.find { it.code == 'PHASE.2' }.status", equalTo("IN_PROGRESS"))
                .body("items.find { it.code == 'PHASE.2' }.owner", equalTo("lucía@cliente.example"))
                .body("items.find { it.code == 'PHASE.2' }.updatedBy", equalTo("maria@portal.example"))
                .body("items.find { it.code == 'PHASE.2' }.title", notNullValue())
                .body("items.findAll { it.status == 'OPEN' }.code", hasItem("ALERT.PHASE_DROPPED")));

        String csv = given().header("X-Partner-Id", partner).accept("text/csv").queryParam("lang", "es")
                .get("/api/v1/companies/{id}/roadmap", company).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("roadmap-" + company + ".csv"))
                .extract().asString();
        List<Map<String, String>> rows = csvRows(csv);
        List<Map<String, String>> phase2 = rows.stream().filter(r -> r.get("code").equals("PHASE.2")).toList();
        assertEquals(1, phase2.size(), csv);
        assertEquals("IN_PROGRESS", phase2.get(0).get("status"));
        assertEquals("lucía@cliente.example", phase2.get(0).get("owner"));
        assertEquals("2027-03-31", phase2.get(0).get("due"));
        assertEquals(2, phase2.get(0).get("adviceIds").split(";").length, csv);
        assertTrue(phase2.get(0).get("title").startsWith("Fase 2"), csv);
        assertEquals(List.of("code", "title", "status", "owner", "due", "updatedAt", "updatedBy", "firstIssuedAt",
                "lastIssuedAt", "adviceIds", "source", "body"), List.copyOf(rows.get(0).keySet()));
    }

    @Test
    void theSameAssignmentAgainRecordsNothingAndAnErasedOwnerShowsErased() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerEnterDropAndEnterAgain(partner);
        String owner = "owner-" + UUID.randomUUID() + "@cliente.example";
        await().untilAsserted(() -> roadmap(partner, company).then().body("items.code", hasItem("PHASE.2")));
        String body = "{\"status\":\"DONE\",\"owner\":\"" + owner + "\"}";
        assign(partner, company, "PHASE.2", body).then().statusCode(200).body("due", nullValue());
        await().untilAsserted(() -> roadmap(partner, company).then()
                .body("items.find { it.code == 'PHASE.2' }.status", equalTo("DONE")));
        assign(partner, company, "PHASE.2", body).then().statusCode(200).body("status", equalTo("DONE"));
        assertEquals(1, roadmapEvents(company), "a retried assignment is not recorded twice");

        assign(partner, company, "ALERT.PHASE_DROPPED", "{\"status\":\"OPEN\",\"owner\":\"=HYPERLINK(\\\"x\\\")\"}")
                .then().statusCode(200).body("owner", equalTo("=HYPERLINK(\"x\")"));
        await().untilAsserted(() -> assertTrue(given().header("X-Partner-Id", partner).accept("text/csv")
                .get("/api/v1/companies/{id}/roadmap", company).then().extract().asString()
                .contains("'=HYPERLINK"), "a formula an owner holds is not run by the spreadsheet"));

        subjectKeys.erase(owner, Instant.now());
        await().untilAsserted(() -> roadmap(partner, company).then()
                .body("items.find { it.code == 'PHASE.2' }.owner", equalTo("erased"))
                .body("items.find { it.code == 'PHASE.2' }.updatedBy", equalTo("maria@portal.example")));
    }

    @Test
    void badAssignmentsNameTheFieldAndOthersItemsAreNotFound() {
        String partner = "partner-" + UUID.randomUUID();
        String company = registerEnterDropAndEnterAgain(partner);
        await().untilAsserted(() -> roadmap(partner, company).then().body("items.code", hasItem("PHASE.2")));

        assign(partner, company, "PHASE.2", "{\"status\":\"FINISHED\",\"owner\":\" \",\"due\":\"31/03/2027\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("status", "owner", "due"));
        assign(partner, company, "PHASE.2", "{\"owner\":\"" + "x".repeat(201) + "\"}")
                .then().statusCode(400).body("violations.field", contains("status", "owner"));
        assign(partner, company, "PHASE.4", "{\"status\":\"OPEN\"}")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No roadmap item PHASE.4"));
        assign("someone-else", company, "PHASE.2", "{\"status\":\"OPEN\"}").then().statusCode(404);
        roadmap("someone-else", company).then().statusCode(404).contentType("application/problem+json");
        given().header("X-Partner-Id", "someone-else").accept("text/csv")
                .get("/api/v1/companies/{id}/roadmap", company).then().statusCode(404);
        assertEquals(0, roadmapEvents(company));
    }

    private io.restassured.response.Response roadmap(String partner, String company) {
        return given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/roadmap", company);
    }

    private io.restassured.response.Response assign(String partner, String company, String code, String body) {
        return given().header("X-Partner-Id", partner).header("X-Actor", "maria@portal.example")
                .contentType(ContentType.JSON).body(body)
                .put("/api/v1/companies/{id}/roadmap/{code}", company, code);
    }

    private long roadmapEvents(String company) {
        return store.readEvents(AdviceIssued.streamIdOf(company)).asStream()
                .filter(e -> e.getPayload() instanceof RoadmapItemUpdated).count();
    }

    private static List<Map<String, String>> csvRows(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withArrayElementSeparator(";")).readValues(csv)) {
            return rows.readAll();
        }
    }

    /** Phase 2 entered, dropped to 1 and entered again: PHASE.2 is issued twice. */
    private String registerEnterDropAndEnterAgain(String partner) {
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Roadmap SA", "retail", "ES", 10, T));
        String maturity = "maturity:" + company;
        PublishedEvents.publish(store, maturity, 0, new MaturityPhaseChanged(company, partner, null, 2,
                Quadrant.CONSERVATIVE, 40, scores(2.0), "answer-1", 1, T.plusSeconds(1)));
        PublishedEvents.publish(store, maturity, 1, new MaturityPhaseChanged(company, partner, 2, 1,
                Quadrant.CONSERVATIVE, 20, scores(1.0), "answer-2", 2, T.plusSeconds(2)));
        PublishedEvents.publish(store, maturity, 2, new MaturityPhaseChanged(company, partner, 1, 2,
                Quadrant.CONSERVATIVE, 40, scores(2.0), "answer-3", 3, T.plusSeconds(3)));
        return company;
    }

    private static Map<String, Double> scores(double level) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String dimension : List.of("GOVERNANCE", "ADOPTION", "WORKING_GROUP", "PROTOCOLS", "TEAM", "CHANNELS",
                "KPIS", "RESPONSIVENESS", "SOCIAL_CRM", "LISTENING")) {
            scores.put(dimension, level);
        }
        return scores;
    }
}
