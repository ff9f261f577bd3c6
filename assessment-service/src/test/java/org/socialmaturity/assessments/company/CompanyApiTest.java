package org.socialmaturity.assessments.company;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CompanyApiTest {

    private final PartnerApi partner = PartnerApi.newPartner();

    @Test
    void registersACompanyAndFindsItByItsLocation() {
        String location = partner.request()
                .body(Map.of("name", "Aerolíneas del Sur", "sector", "airlines", "country", "ES", "employees", 1200))
                .post("/api/v1/companies")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/api/v1/companies/[0-9a-f-]{36}"))
                .body("name", equalTo("Aerolíneas del Sur"))
                .body("registeredAt", notNullValue())
                .extract().header("Location");

        partner.request().get(location.substring(location.indexOf("/api/v1")))
                .then().statusCode(200)
                .body("name", equalTo("Aerolíneas del Sur"))
                .body("sector", equalTo("airlines"))
                .body("country", equalTo("ES"))
                .body("employees", equalTo(1200));
    }

    @Test
    void listsOnlyTheCallersCompaniesPageByPageRightAfterRegistration() {
        List<String> ids = List.of(partner.registerCompany("one"), partner.registerCompany("two"),
                partner.registerCompany("three"));
        PartnerApi.newPartner().registerCompany("someone else's");

        partner.request().queryParam("size", 2).get("/api/v1/companies")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.id", equalTo(ids.subList(0, 2)));
        partner.request().queryParam("page", 1).queryParam("size", 2).get("/api/v1/companies")
                .then().statusCode(200)
                .body("items.id", equalTo(ids.subList(2, 3)));
    }

    @Test
    void anotherPartnersCompanyIsNotFound() {
        String companyId = partner.registerCompany("private");

        PartnerApi.newPartner().request().get("/api/v1/companies/{id}", companyId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("/problems/not-found"));
        partner.request().get("/api/v1/companies/{id}", "no-such-company").then().statusCode(404);
    }

    @Test
    void theSameIdempotencyKeyRegistersOnceAndAnswersTheFirstRegistration() {
        Map<String, Object> body = Map.of("name", "Retry SA", "sector", "retail", "country", "PT", "employees", 40);
        String first = partner.request().header("Idempotency-Key", "order-17").body(body)
                .post("/api/v1/companies").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        String second = partner.request().header("Idempotency-Key", "order-17").body(body)
                .post("/api/v1/companies").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .extract().path("id");
        assertEquals(first, second);
        partner.request().get("/api/v1/companies").then().body("total", equalTo(1));

        partner.request().header("Idempotency-Key", "order-17")
                .body(Map.of("name", "Another SA", "sector", "retail", "country", "PT", "employees", 40))
                .post("/api/v1/companies").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"));

        String otherPartners = PartnerApi.newPartner().request().header("Idempotency-Key", "order-17").body(body)
                .post("/api/v1/companies").then().statusCode(201).extract().path("id");
        assertNotEquals(first, otherPartners);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyRegisterOneCompany() throws Exception {
        Map<String, Object> body = Map.of("name", "Race SA", "sector", "retail", "country", "FR", "employees", 9);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<io.restassured.response.Response>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(pool.submit(() -> partner.request().header("Idempotency-Key", "race-1").body(body)
                    .post("/api/v1/companies")));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var attempt : attempts) {
            io.restassured.response.Response response = attempt.get();
            assertEquals(201, response.statusCode(), response.asString());
            ids.add(response.path("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        partner.request().get("/api/v1/companies").then().body("total", equalTo(1));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"sector\":\"x\",\"country\":\"ES\",\"employees\":3}                  | name      | is required",
            "{\"name\":\" \",\"sector\":\"x\",\"country\":\"ES\",\"employees\":3}   | name      | is required",
            "{\"name\":\"a\",\"country\":\"ES\",\"employees\":3}                    | sector    | is required",
            "{\"name\":\"a\",\"sector\":\"x\",\"country\":\"Spain\",\"employees\":3} | country   | must be an ISO 3166-1 alpha-2 code in upper case, such as ES",
            "{\"name\":\"a\",\"sector\":\"x\",\"country\":\"ES\",\"employees\":0}   | employees | must be between 1 and 10000000",
            "{\"name\":\"a\",\"sector\":\"x\",\"country\":\"ES\"}                   | employees | is required",
            "{\"name\":\"a\",\"sector\":\"x\",\"country\":\"ES\",\"employees\":\"3\"} | employees | must be an integer",
            "{\"name\":\"a\",\"sector\":\"x\",\"country\":\"ES\",\"employees\":2.5} | employees | must be an integer",
            "{\"name\":7,\"sector\":\"x\",\"country\":\"ES\",\"employees\":3}       | name      | must be a string",
            "{\"name\":\"a\",                                                       | body      | must be well-formed JSON",
            "[1,2]                                                                  | body      | must be an object",
    })
    void refusesAnInvalidRegistrationNamingTheFieldAndTheRule(String body, String field, String message) {
        partner.request().body(body.strip()).post("/api/v1/companies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("violations", hasItem(Map.of("field", field, "message", message)));
        partner.request().get("/api/v1/companies").then().body("total", equalTo(0));
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        partner.request().body(Map.of("name", "", "sector", "", "country", "es", "employees", -1))
                .post("/api/v1/companies")
                .then().statusCode(400)
                .body("violations.field", containsInAnyOrder("name", "sector", "country", "employees"));
    }

    @Test
    void aRequestWithoutBodyIsRefused() {
        partner.request().post("/api/v1/companies")
                .then().statusCode(400)
                .body("violations", hasItem(Map.of("field", "body", "message", "is required")));
    }

    @Test
    void pagingParametersAreChecked() {
        partner.request().queryParam("page", "first").queryParam("size", 500).get("/api/v1/companies")
                .then().statusCode(400)
                .body("violations.field", containsInAnyOrder("page", "size"));
    }

    @Test
    void aRequestThatNamesNoPartnerIsRefused() {
        given().get("/api/v1/companies")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"));
    }

    @Test
    void theCorrelationIdIsEchoedOrGenerated() {
        partner.request().header("X-Request-Id", "portal-req-42").get("/api/v1/companies")
                .then().header("X-Request-Id", equalTo("portal-req-42"));
        partner.request().get("/api/v1/companies")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        partner.request().header("X-Request-Id", "bad id\twith tab").get("/api/v1/companies/nope")
                .then().statusCode(404)
                .header("X-Request-Id", not(equalTo("bad id\twith tab")))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        partner.request().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", endsWith("/api/v1/nothing-here"));
    }

    @Test
    void aPartnerSeesNoCompaniesBeforeRegisteringAny() {
        partner.request().get("/api/v1/companies")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(0));
    }
}
