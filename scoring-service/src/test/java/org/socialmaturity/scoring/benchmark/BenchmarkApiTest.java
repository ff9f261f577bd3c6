package org.socialmaturity.scoring.benchmark;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.localmongo.Eventually;
import org.socialmaturity.localmongo.LocalMongoTestResource;
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

    @Test
    void fourCompaniesOfThreePartnersAreHiddenAndTheFifthShowsThem() throws Exception {
        String sector = "sector-" + UUID.randomUUID();
        EventScenario first = new EventScenario(store);
        EventScenario second = new EventScenario(store);
        EventScenario third = new EventScenario(store);
        List<String> companies = new ArrayList<>();
        companies.add(determinate(first, sector, 2));
        companies.add(determinate(first, sector, 2));
        companies.add(determinate(second, sector, 2));
        companies.add(determinate(third, sector, 2));
        scored(first, companies.subList(0, 2));
        scored(second, companies.subList(2, 3));
        scored(third, companies.subList(3, 4));
        Thread.sleep(2_500);

        as(first).queryParam("sector", sector).get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(false))
                .body("reason", containsString("5 companies from 3 partners"))
                .body("companies", nullValue())
                .body("phases", nullValue())
                .body("group.sector", equalTo(sector));
        as(first).get("/api/v1/companies/{id}/maturity", companies.get(0)).then().statusCode(200)
                .body("benchmark.available", equalTo(false))
                .body("benchmark.percentile", nullValue());

        // The fifth, a little ahead of the others: one answer a level higher.
        String ahead = determinate(third, sector, 2);
        String assessment = third.startAssessment(ahead);
        Question raised = EventScenario.V1.questions().get(0);
        third.answer(ahead, assessment, raised.id(), EventScenario.answerOfLevel(raised, 3));

        Eventually.holds(() -> as(third).queryParam("sector", sector.toUpperCase()).queryParam("country", "ES")
                .queryParam("size", "MEDIUM").queryParam("companyId", ahead)
                .get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(true))
                .body("reason", nullValue())
                .body("companies", equalTo(5))
                .body("partners", equalTo(3))
                // (4 below + 1 alike / 2) / 5
                .body("percentile", equalTo(90.0f))
                .body("phases.'2'", equalTo(5))
                .body("phases.'1'", equalTo(0))
                .body("quadrants.values().sum()", equalTo(5)));
        // Any of the four alike: (0 below + 4 alike / 2) / 5; and the group is the company's own.
        as(first).get("/api/v1/companies/{id}/maturity", companies.get(0)).then().statusCode(200)
                .body("benchmark.available", equalTo(true))
                .body("benchmark.percentile", equalTo(40.0f))
                .body("benchmark.group.sector", equalTo(sector))
                .body("benchmark.group.country", equalTo("ES"))
                .body("benchmark.group.size", equalTo("MEDIUM"));
        as(first).queryParam("asOf", "2030-01-01T00:00:00Z").get("/api/v1/companies/{id}/maturity", companies.get(0))
                .then().statusCode(200).body("benchmark", nullValue());
    }

    @Test
    void fiveCompaniesOfTwoPartnersAreHiddenUntilAThirdPartnerJoins() throws Exception {
        String sector = "sector-" + UUID.randomUUID();
        EventScenario first = new EventScenario(store);
        EventScenario second = new EventScenario(store);
        List<String> ofFirst = List.of(determinate(first, sector, 2), determinate(first, sector, 2),
                determinate(first, sector, 2));
        List<String> ofSecond = List.of(determinate(second, sector, 2), determinate(second, sector, 2));
        scored(first, ofFirst);
        scored(second, ofSecond);
        Thread.sleep(2_500);

        as(second).queryParam("sector", sector).get("/api/v1/benchmarks").then().statusCode(200)
                .body("available", equalTo(false));

        EventScenario third = new EventScenario(store);
        determinate(third, sector, 2);
        Eventually.holds(() -> as(second).queryParam("sector", sector).get("/api/v1/benchmarks").then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("companies", equalTo(6))
                .body("partners", equalTo(3))
                .body("percentile", nullValue()));
    }

    @Test
    void badCriteriaAreRefusedAndAnotherPartnersCompanyIsNotFound() {
        EventScenario partner = new EventScenario(store);
        EventScenario other = new EventScenario(store);
        String company = other.registerCompany("Ajena SA");

        as(partner).queryParam("size", "HUGE").queryParam("country", "es").get("/api/v1/benchmarks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("size", "country"))
                .body("violations.find { it.field == 'size' }.message", containsString("MICRO, SMALL, MEDIUM, LARGE"));
        Eventually.holds(() -> as(other).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));
        as(partner).queryParam("companyId", company).get("/api/v1/benchmarks").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** A company of 100 employees in Spain with every question answered at {@code level}. */
    private static String determinate(EventScenario scenario, String sector, int level) {
        String company = scenario.registerCompany("Empresa " + UUID.randomUUID(), sector, "ES", 100);
        scenario.answerAll(company, scenario.startAssessment(company), level);
        return company;
    }

    private static void scored(EventScenario scenario, List<String> companies) {
        for (String company : companies) {
            Eventually.holds(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then()
                    .statusCode(200).body("determinate", equalTo(true)));
        }
    }

    private static RequestSpecification as(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
