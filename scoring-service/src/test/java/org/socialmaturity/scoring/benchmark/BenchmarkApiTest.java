package org.socialmaturity.scoring.benchmark;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Benchmarks through the API, over companies of several partners appended as assessment-service would. Each test
 * takes a sector of its own, so that the other tests' companies in the shared store never join its groups. A group is
 * asserted hidden only after its companies are scored and the benchmarks' list has been refreshed since (the test
 * profile refreshes it every second); it is then shown as soon as one more company makes it large enough, which
 * proves the hidden answer was given on fresh data.
 */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BenchmarkApiTest {

    @Inject
    EventStore store;

    private final Map<EventScenario, List<String>> registered = new HashMap<>();

    @Test
    void fourCompaniesOfThreePartnersAreHiddenAndTheFifthShowsThem() throws Exception {
        String sector = "sector-" + UUID.randomUUID();
        EventScenario a = new EventScenario(store);
        EventScenario b = new EventScenario(store);
        EventScenario c = new EventScenario(store);
        EventScenario viewer = new EventScenario(store);
        String a1 = determinate(a, sector, 2);
        determinate(a, sector, 2);
        determinate(b, sector, 2);
        determinate(c, sector, 2);
        awaitBenchmarksSeeingEveryCompanyOf(sector, a, b, c);

        cell(viewer, sector).get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(false))
                .body("reason", containsString("5 companies from 3 partners besides your own"))
                .body("companies", nullValue())
                .body("phases", nullValue())
                .body("group.sector", equalTo(sector));

        // The fifth, a little ahead of the others: one answer a level higher.
        String ahead = determinate(c, sector, 2);
        String assessment = c.startAssessment(ahead);
        Question raised = EventScenario.V1.questions().get(0);
        c.answer(ahead, assessment, raised.id(), EventScenario.answerOfLevel(raised, 3));

        await().untilAsserted(() -> given().header("X-Partner-Id", viewer.partnerId)
                .queryParam("sector", sector.toUpperCase()).queryParam("country", "ES").queryParam("size", "MEDIUM")
                .get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(true))
                .body("reason", nullValue())
                .body("companies", equalTo(5))
                .body("partners", equalTo(3))
                .body("percentile", nullValue())
                .body("phases.'2'", equalTo(5))
                .body("phases.'1'", equalTo(0))
                .body("quadrants.values().sum()", equalTo(5)));
        // c knows its own two: without them, three companies of two partners remain.
        cell(c, sector).queryParam("companyId", ahead).get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(false));

        // Two more of a fourth partner: five companies of three partners besides c's.
        EventScenario e = new EventScenario(store);
        determinate(e, sector, 2);
        determinate(e, sector, 2);
        await().untilAsserted(() -> cell(c, sector).queryParam("companyId", ahead).get("/api/v1/benchmarks").then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("companies", equalTo(7))
                .body("partners", equalTo(4))
                // (6 below + 1 alike / 2) / 7
                .body("percentile", equalTo(92.9f)));
        // Any of the six alike: (0 below + 6 alike / 2) / 7; and the group is the company's own.
        await().untilAsserted(() -> as(a).get("/api/v1/companies/{id}/maturity", a1).then().statusCode(200)
                .body("benchmark.available", equalTo(true))
                .body("benchmark.percentile", equalTo(42.9f))
                .body("benchmark.group.sector", equalTo(sector))
                .body("benchmark.group.country", equalTo("ES"))
                .body("benchmark.group.size", equalTo("MEDIUM")));
        as(a).queryParam("asOf", "2030-01-01T00:00:00Z").get("/api/v1/companies/{id}/maturity", a1)
                .then().statusCode(200).body("benchmark", nullValue());
    }

    @Test
    void fiveCompaniesOfTwoPartnersAreHiddenUntilAThirdPartnerJoins() throws Exception {
        String sector = "sector-" + UUID.randomUUID();
        EventScenario first = new EventScenario(store);
        EventScenario second = new EventScenario(store);
        EventScenario viewer = new EventScenario(store);
        determinate(first, sector, 2);
        determinate(first, sector, 2);
        determinate(first, sector, 2);
        determinate(second, sector, 2);
        determinate(second, sector, 2);
        awaitBenchmarksSeeingEveryCompanyOf(sector, first, second);

        cell(viewer, sector).get("/api/v1/benchmarks").then().statusCode(200).body("available", equalTo(false));

        EventScenario third = new EventScenario(store);
        determinate(third, sector, 2);
        await().untilAsserted(() -> cell(viewer, sector).get("/api/v1/benchmarks").then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("companies", equalTo(6))
                .body("partners", equalTo(3)));
    }

    @Test
    void badCriteriaAreRefusedAndAnotherPartnersCompanyIsNotFound() {
        EventScenario partner = new EventScenario(store);
        EventScenario other = new EventScenario(store);
        String company = other.registerCompany("Ajena SA");

        as(partner).queryParam("sector", "retail").queryParam("size", "HUGE").queryParam("country", "es")
                .get("/api/v1/benchmarks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("size", "country"))
                .body("violations.find { it.field == 'size' }.message", containsString("MICRO, SMALL, MEDIUM, LARGE"));
        await().untilAsserted(() -> as(other).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));
        as(partner).get("/api/v1/benchmarks").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("sector", "country", "size"));
        cell(partner, "retail").queryParam("companyId", company).get("/api/v1/benchmarks").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** A company of 100 employees in Spain with every question answered at {@code level}. */
    private String determinate(EventScenario scenario, String sector, int level) {
        String company = scenario.registerCompany("Empresa " + UUID.randomUUID(), sector, "ES", 100);
        scenario.answerAll(company, scenario.startAssessment(company), level);
        registered.computeIfAbsent(scenario, s -> new ArrayList<>()).add(company);
        return company;
    }

    /**
     * Waits until every company the scenarios registered is scored, then for the benchmarks' list to be read again
     * after that (the test profile refreshes it every second): what is asserted hidden next is asserted on fresh data.
     */
    private void awaitBenchmarksSeeingEveryCompanyOf(String sector, EventScenario... scenarios) throws Exception {
        for (EventScenario scenario : scenarios) {
            for (String company : registered.get(scenario)) {
                await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then()
                        .statusCode(200).body("determinate", equalTo(true)));
            }
        }
        Thread.sleep(2_500);
    }

    private static RequestSpecification cell(EventScenario scenario, String sector) {
        return as(scenario).queryParam("sector", sector).queryParam("country", "ES").queryParam("size", "MEDIUM");
    }

    private static RequestSpecification as(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
