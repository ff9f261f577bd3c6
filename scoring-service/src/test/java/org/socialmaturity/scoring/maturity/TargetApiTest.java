package org.socialmaturity.scoring.maturity;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.TargetReached;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.localmongo.StoredEvents.StoredEvent;
import org.socialmaturity.scoring.EventScenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** A target set as assessment-service appends it; its gap and its reaching read through scoring's API and store. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TargetApiTest {

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper json;

    @Test
    void theGapNarrowsAnswerByAnswerAndTheTargetIsReachedOnce() {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Con Meta SA");
        scenario.answerAll(company, scenario.startAssessment(company), 2);
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        TargetSet target = scenario.setTarget(company, 3, Map.of("LISTENING", 3), due);

        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200)
                .body("phase", equalTo(2))
                .body("target.targetId", equalTo(target.targetId()))
                .body("target.phase", equalTo(3))
                .body("target.due", equalTo(due.toString()))
                .body("target.met", equalTo(false))
                .body("target.phasesToGo", equalTo(1))
                .body("target.dimensionGaps[0].id", equalTo("LISTENING"))
                .body("target.dimensionGaps[0].score", equalTo(2.0f))
                .body("target.dimensionGaps[0].gap", equalTo(1.0f))
                // 30, or 29 when the test crosses midnight UTC between setting the target and reading it
                .body("target.daysLeft", either(equalTo(30)).or(equalTo(29))));
        assertEquals(List.of(), reached(company), "not met: nothing declared");

        scenario.answerAll(company, scenario.startAssessment(company), 3);

        await().untilAsserted(() -> as(scenario).get("/api/v1/companies/{id}/maturity", company).then().statusCode(200)
                .body("phase", equalTo(3))
                .body("target.met", equalTo(true))
                .body("target.phasesToGo", equalTo(0))
                .body("target.dimensionGaps[0].gap", equalTo(0.0f)));
        await().untilAsserted(() -> assertEquals(1, reached(company).size()));
        TargetReached first = reached(company).get(0);
        assertEquals(target.targetId(), first.targetId());
        assertEquals(3, first.phase());
        as(scenario).queryParam("asOf", "2030-01-01T00:00:00Z").get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200).body("target", nullValue());

        // A target the company meets already is reached by being set, and the first one is not reached again.
        TargetSet lower = scenario.setTarget(company, 2, Map.of(), due);
        await().untilAsserted(() -> assertEquals(2, reached(company).size()));
        assertEquals(lower.targetId(), reached(company).get(1).targetId());
        long targetSetAt = new StoredEvents(mongo).ofAggregate(company).stream()
                .filter(e -> e.payloadType().equals(TargetSet.class.getName())).reduce((a, b) -> b).orElseThrow()
                .globalIndex();
        assertEquals(targetSetAt, reached(company).get(1).causeIndex(), "caused by the target itself");
    }

    private List<TargetReached> reached(String company) {
        return new StoredEvents(mongo).ofAggregate("maturity:" + company).stream()
                .filter(e -> e.payloadType().equals(TargetReached.class.getName()))
                .map(this::read).toList();
    }

    private TargetReached read(StoredEvent event) {
        try {
            return json.readValue(event.payload(), TargetReached.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static RequestSpecification as(EventScenario scenario) {
        return given().header("X-Partner-Id", scenario.partnerId);
    }
}
