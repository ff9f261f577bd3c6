package org.socialmaturity.scoring.timeline;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.web.readmodel.ReadModelSlots;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A projection handler that fails never loses or skips an event: the event is parked with the company's later events
 * behind it, retried with back-off, listed for the operator, and applied exactly once when it finally succeeds, while
 * other companies go on. The fault is real (the history write throws, see {@link FaultyTimelines}); the test profile
 * allows three automatic attempts, 200 ms apart at first.
 */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeadLetterTest {

    private static final String ADMIN_KEY = "local-admin-key";
    private static final int QUESTIONS = EventScenario.V1.questions().size();

    @Inject
    EventStore store;

    @Inject
    TimelineRepository timelines;

    @Inject
    ReadModelSlots slots;

    @Test
    void aCompanyWhoseHistoryCannotBeWrittenWaitsForTheOperatorWhileOthersGoOnAndIsAppliedOnceOnRetry() {
        EventScenario scenario = new EventScenario(store);
        String blocked = scenario.registerCompany("Bloqueada SL");
        String blockedAssessment = scenario.startAssessment(blocked);
        String other = scenario.registerCompany("Sin Problemas SA");
        awaitStarted(blocked);
        FaultyTimelines.failEntriesOf(blocked, Integer.MAX_VALUE);
        scenario.answerAll(blocked, blockedAssessment, 2);
        scenario.answerAll(other, scenario.startAssessment(other), 2);

        await().untilAsserted(() -> assertEquals(QUESTIONS, history(scenario, other).size(), "the other company goes on"));
        await().atMost(Duration.ofMillis(90_000)).untilAsserted(() -> {
            JsonPath letters = deadLetters();
            assertEquals(List.of(blocked), letters.getList("sequences.sequence"));
            assertEquals(QUESTIONS, letters.getList("sequences[0].letters.findAll { it.payloadType == '"
                    + AnswerRecorded.class.getName() + "' }").size(), "the failing answer and the company's later ones");
            assertEquals("WAITING_FOR_OPERATOR", letters.getString("sequences[0].letters[0].state"), letters.prettify());
            assertEquals(3, letters.getInt("sequences[0].letters[0].attempts"), "retried automatically, then parked");
            assertTrue(letters.getString("sequences[0].letters[0].causeMessage").contains("injected fault"));
            assertEquals("WAITING_BEHIND", letters.getString("sequences[0].letters[1].state"));
        });
        assertEquals(0, history(scenario, blocked).size(), "nothing of the blocked company was half-applied");
        int parked = deadLetters().getInt("total");
        // The gauge and the readiness check count the queue when they are read: the last letters may land just after.
        await().untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            String gauge = "platform_dead_letters{processor=\"" + slots.currentProcessor(TimelineRepository.READ_MODEL) + "\"} ";
            assertTrue(metrics.contains(gauge + parked + ".0"), "the gauge counts the parked events: " + parked
                    + " parked, " + metrics.lines().filter(l -> l.startsWith("platform_dead_letters")).toList());
            String readiness = given().get("/q/health/ready").then().statusCode(200).extract().asString();
            assertTrue(readiness.contains("dead letters " + parked), readiness);
        });

        JsonPath consistency = consistency();
        assertEquals("DEAD_LETTERED", consistency.getString("differences.find { it.companyId == '" + blocked
                + "' && it.readModel == 'history' }.state"), consistency.prettify());
        assertEquals(deadLetters().getLong("sequences[0].letters[0].globalIndex"), consistency.getLong(
                "differences.find { it.companyId == '" + blocked + "' }.firstDifference.globalIndex"),
                "the first difference is the parked event");
        assertEquals(List.of(), consistency.getList("differences.findAll { it.companyId == '" + other + "' }"));

        FaultyTimelines.heal(blocked);
        given().header("X-Admin-Key", ADMIN_KEY)
                .post("/api/v1/admin/projections/scoring/dead-letters/{sequence}/retry", blocked)
                .then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));

        List<Map<String, Object>> entries = history(scenario, blocked);
        assertEquals(QUESTIONS, entries.size(), "every answer applied, none twice");
        assertEquals(QUESTIONS, entries.stream().map(e -> e.get("eventId")).distinct().count());
        assertEquals(0, deadLetters().getInt("total"));
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/trajectory", blocked)
                .then().statusCode(200)
                .body("transitions.size()", org.hamcrest.Matchers.equalTo(1))
                .body("transitions[0].to", org.hamcrest.Matchers.equalTo(2));
        given().header("X-Admin-Key", ADMIN_KEY)
                .post("/api/v1/admin/projections/scoring/dead-letters/{sequence}/retry", blocked)
                .then().statusCode(404);
        assertEquals(List.of(), consistency().getList("differences.findAll { it.companyId == '" + blocked + "' }"),
                "the history agrees with the store again");
    }

    @Test
    void aFaultThatPassesIsRetriedAutomaticallyAndAppliedOnce() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Intermitente SA");
        String assessment = scenario.startAssessment(company);
        awaitStarted(company);
        FaultyTimelines.failEntriesOf(company, 2);
        scenario.answerAll(company, assessment, 3);

        await().atMost(Duration.ofMillis(30_000)).untilAsserted(() -> assertEquals(QUESTIONS, history(scenario, company).size()));
        List<Map<String, Object>> entries = history(scenario, company);
        assertEquals(QUESTIONS, entries.stream().map(e -> e.get("eventId")).distinct().count(), "none twice");
        await().untilAsserted(() -> assertEquals(0, deadLetters().getList("sequences.sequence").stream()
                .filter(company::equals).count()));
    }

    @Test
    void onlyTheOperatorSeesDeadLettersAndOnlyOfThisService() {
        given().get("/api/v1/admin/projections/scoring/dead-letters").then().statusCode(401);
        given().header("X-Admin-Key", "wrong").get("/api/v1/admin/projections/scoring/dead-letters")
                .then().statusCode(403);
        given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/projections/advice/dead-letters")
                .then().statusCode(404);
    }

    /** Until the timeline holds the company and its open assessment: the fault is armed for its answers only. */
    private void awaitStarted(String company) {
        await().untilAsserted(() -> assertEquals(1, timelines.find(company).map(t -> t.assessments.size()).orElse(0)));
    }

    private static JsonPath consistency() {
        given().get("/api/v1/admin/consistency").then().statusCode(401);
        return given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/consistency")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath deadLetters() {
        return given().header("X-Admin-Key", ADMIN_KEY).get("/api/v1/admin/projections/scoring/dead-letters")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> history(EventScenario scenario, String company) {
        return given().header("X-Partner-Id", scenario.partnerId)
                .queryParam("size", 100)
                .get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }
}
