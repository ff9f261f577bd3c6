package org.socialmaturity.recommendations.webhook;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.recommendations.PublishedEvents;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The dispatcher's poll never runs here (an hour apart): a phase change and the advice it causes reach the partner's
 * endpoint all the same, once each, because a new delivery is stored claimed by the replica that enqueues it and sent
 * at once.
 */
@QuarkusTest
@TestProfile(WebhookWithoutPollTest.NoPoll.class)
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookWithoutPollTest {

    @Inject
    EventStore store;

    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final String partner = "partner-" + UUID.randomUUID();
    private HookEndpoint receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new HookEndpoint(request -> {
            received.add(new String[] {request.headers().getFirst("X-Event-Type"),
                    request.headers().getFirst("X-Event-Id")});
            return 200;
        });
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aPhaseChangeAndItsAdviceAreSentAtOnceAndOnceEach() {
        String subscription = given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "secret", "a-shared-secret-of-the-partner"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Inmediata SA", "retail", "ES", 10, Instant.now()));
        PublishedEvents.publish(store, "maturity:" + company, 0,
                new MaturityPhaseChanged(company, partner, null, 2, Quadrant.OBSERVERS, 30,
                Map.of("LISTENING", 1.5), "answer-x", 1, Instant.now()));

        await().untilAsserted(() -> assertEquals(List.of("AdviceIssued", "MaturityPhaseChanged"),
                received.stream().map(r -> r[0]).sorted().toList()));
        DomainEventStream advice = store.readEvents(AdviceIssued.streamIdOf(company));
        String adviceEventId = advice.next().getIdentifier();
        assertEquals(adviceEventId, received.stream().filter(r -> r[0].equals("AdviceIssued")).findFirst()
                .orElseThrow()[1], "delivered under the id of the stored event");

        // Once the processor has handled the advice event (it counts it), nothing more is sent.
        await().untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("platform_advice_issued_total 1.0")));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                .get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.findAll { it.status == 'DELIVERED' }.size()", equalTo(2)));
        assertEquals(2, received.size(), "each sent once");
    }


    public static class NoPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.webhooks.poll-interval", "1h");
        }
    }
}
