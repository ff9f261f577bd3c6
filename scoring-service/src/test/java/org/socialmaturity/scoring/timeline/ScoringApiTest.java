package org.socialmaturity.scoring.timeline;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.localmongo.StoredEvents.StoredEvent;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScoringApiTest {

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper json;

    @Test
    void maturityRisesAnswerByAnswerAndIsExactAsOfAnyInstant() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Rising SA");
        Instant beforeAnything = Instant.now();
        String first = scenario.startAssessment(company);
        Instant firstDone = scenario.answerAll(company, first, 2);
        scenario.submit(company, first);
        String second = scenario.startAssessment(company);
        Instant secondDone = scenario.answerAll(company, second, 3);
        int questions = EventScenario.V1.questions().size();

        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200)
                .body("determinate", equalTo(true))
                .body("phase", equalTo(3))
                .body("phaseName", equalTo("Operational Adoption"))
                .body("index", equalTo(66.7f))
                .body("quadrant", equalTo("SOCIAL_FIRST"))
                .body("answered", equalTo(questions))
                .body("holdingBack", hasSize(10)));

        as(scenario).queryParam("asOf", firstDone.toString()).queryParam("lang", "es")
                .get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200)
                .body("phase", equalTo(2))
                .body("phaseName", equalTo("Camino hacia la adopción"))
                .body("index", equalTo(33.3f))
                .body("quadrant", equalTo("OBSERVERS"));
        as(scenario).queryParam("asOf", beforeAnything.toString()).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200)
                .body("determinate", equalTo(false))
                .body("phase", nullValue())
                .body("answered", equalTo(0));

        for (Instant instant : List.of(firstDone, firstDone.plusMillis(1), secondDone.minusMillis(3), secondDone)) {
            Maturity recomputed = recomputeFromRawEvents(company, instant);
            as(scenario).queryParam("asOf", instant.toString()).get("/api/v1/companies/{id}/maturity", company)
                    .then().statusCode(200)
                    .body("phase", equalTo(recomputed.phase()))
                    .body("determinate", equalTo(recomputed.determinate()))
                    .body("index", equalTo((float) (Math.round(recomputed.index() * 10) / 10.0)))
                    .body("answered", equalTo(recomputed.answered()));
        }

        as(scenario).get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200)
                .body("points", hasSize(2 * questions))
                .body("points[0].determinate", equalTo(false))
                .body("points[" + (questions - 1) + "].determinate", equalTo(true))
                .body("points.assessmentId.unique()", contains(first, second))
                .body("transitions.from", contains(nullValue(), equalTo(2)))
                .body("transitions.to", contains(2, 3));
        as(scenario).queryParam("from", secondDone.minusMillis(1).toString())
                .get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200)
                .body("points", hasSize(1))
                .body("transitions", hasSize(0));
    }

    @Test
    void theHistoryShowsWhoChangedWhatAsJsonAndCsv() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Audited SA");
        String assessment = scenario.startAssessment(company);
        scenario.answer(company, assessment, "governance-owner", RawAnswer.choice("junior-marketer"));
        scenario.answer(company, assessment, "governance-owner", RawAnswer.choice("director"));
        scenario.answer(company, assessment, "responsiveness-share-answered",
                new RawAnswer(null, new java.math.BigDecimal("72.5"), "from the CRM, \"Q3\""));

        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.questionId", contains("governance-owner", "governance-owner",
                        "responsiveness-share-answered"))
                .body("items[1].previousAnswer.optionId", equalTo("junior-marketer"))
                .body("items[1].answer.optionId", equalTo("director"))
                .body("items[1].level", equalTo(3))
                .body("items[1].actor", equalTo("auditor@test"))
                .body("items[1].correlationId", equalTo("req-governance-owner"))
                .body("items.determinate", everyItem(equalTo(false))));
        as(scenario).queryParam("size", 1).queryParam("page", 2).get("/api/v1/companies/{id}/history", company)
                .then().body("items.questionId", contains("responsiveness-share-answered"));

        String csv = as(scenario).accept("text/csv").get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertEquals("at,actor,assessmentId,questionId,previousAnswer,answer,level,correlationId,eventId,globalIndex,"
                + "index,phase,determinate,evidence,importId", lines.get(0));
        assertEquals(true, lines.get(2).contains(",junior-marketer,director,3,req-governance-owner,"), lines.get(2));
        assertEquals(true, lines.get(3).contains(",\"72.5 (from the CRM, \"\"Q3\"\")\","), lines.get(3));
    }

    @Test
    void comparesTwoAssessmentsDimensionByDimension() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Compared SA");
        String a = scenario.startAssessment(company);
        scenario.answerAll(company, a, 2);
        String b = scenario.startAssessment(company);
        scenario.answerAll(company, b, 4);

        await().untilAsserted(() -> as(scenario).queryParam("a", a).queryParam("b", b)
                .get("/api/v1/companies/{id}/assessments/compare", company)
                .then().statusCode(200)
                .body("a.phase", equalTo(2))
                .body("b.phase", equalTo(4))
                .body("b.quadrant", equalTo("SOCIAL_FIRST"))
                .body("dimensions", hasSize(10))
                .body("dimensions[0].a", equalTo(2.0f))
                .body("dimensions[0].b", equalTo(4.0f))
                .body("dimensions[0].change", equalTo(2.0f)));
        as(scenario).queryParam("a", a).get("/api/v1/companies/{id}/assessments/compare", company)
                .then().statusCode(400).body("violations[0].field", equalTo("b"));
        as(scenario).queryParam("a", a).queryParam("b", "nope").get("/api/v1/companies/{id}/assessments/compare", company)
                .then().statusCode(404);
    }

    @Test
    void anotherPartnersCompanyIsNotFoundAndBadInstantsAreRefused() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Private SA");
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));

        given().header("X-Partner-Id", "someone-else").get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Partner-Id", "someone-else").get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(404);
        given().header("X-Partner-Id", "someone-else").get("/api/v1/companies/{id}/history", company)
                .then().statusCode(404);
        as(scenario).queryParam("asOf", "yesterday").get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("asOf"));
        as(scenario).queryParam("from", "2026-13-01").get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
        as(scenario).get("/api/v1/companies/{id}/maturity", company)
                .then().body("determinate", equalTo(false)).body("phase", nullValue());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "maturity,   asOf, -1000000000-01-01T00:00:00Z",
            "maturity,   asOf, +999999999-12-31T23:59:59Z",
            "trajectory, from, -1000000000-01-01T00:00:00Z",
            "trajectory, to,   +999999999-12-31T23:59:59Z",
            "trajectory, from, -0001-12-31T23:59:59Z",
            "trajectory, to,   +10000-01-01T00:00:00Z",
    })
    void instantsJavaParsesButNoStoreCanHoldAreRefusedNamingTheParameter(String resource, String parameter,
                                                                          String instant) {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Far Future SA");
        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200));

        as(scenario).queryParam(parameter, instant).get("/api/v1/companies/{id}/" + resource, company)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].message",
                        equalTo("must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
        as(scenario).queryParam(parameter, "9999-12-31T23:59:59Z").get("/api/v1/companies/{id}/" + resource, company)
                .then().statusCode(200);
    }

    private static RequestSpecification as(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }

    /** What the rules give from the raw events up to an instant, without the projection. */
    private Maturity recomputeFromRawEvents(String companyId, Instant instant) throws Exception {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (StoredEvent event : new StoredEvents(mongo).all()) {
            if (!event.payloadType().equals(AnswerRecorded.class.getName())) {
                continue;
            }
            AnswerRecorded answer = json.readValue(event.payload(), AnswerRecorded.class);
            if (answer.companyId().equals(companyId) && !answer.recordedAt().isAfter(instant)) {
                levels.put(answer.questionId(),
                        EventScenario.V1.question(answer.questionId()).orElseThrow().levelOf(answer.answer()));
            }
        }
        return MaturityRules.score(EventScenario.V1, levels);
    }
}
