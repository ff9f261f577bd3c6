package org.socialmaturity.recommendations.webhook;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.recommendations.PublishedEvents;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Finished deliveries leave the outbox (and the partner's delivery log) once their retention is over; deliveries
 * still waiting for a retry stay however old they are.
 */
@QuarkusTest
@TestProfile(WebhookRetentionTest.ShortRetention.class)
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookRetentionTest {

    /** Longer than the retention (1 s) and a prune interval (200 ms) together. */
    private static final java.time.Duration RETENTION_AND_PRUNE = java.time.Duration.ofMillis(1_500);

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    private final String partner = "partner-" + UUID.randomUUID();

    @Test
    void deliveredOnesArePrunedAfterTheRetentionPendingOnesStay() throws Exception {
        try (HookEndpoint accepting = new HookEndpoint(request -> 200);
             HookEndpoint failing = new HookEndpoint(request -> 503)) {
            String delivered = subscribe(accepting.url());
            String pending = subscribe(failing.url());
            String company = UUID.randomUUID().toString();
            PublishedEvents.publish(store, company, 0,
                    new CompanyRegistered(company, partner, "Olvidadiza SA", "retail", "ES", 10,
                    Instant.now()));
            PublishedEvents.publish(store, "maturity:" + company, 0,
                    new MaturityPhaseChanged(company, partner, null, 2, Quadrant.OBSERVERS, 30,
                    Map.of("LISTENING", 1.5), "answer-x", 1, Instant.now()));

            await().untilAsserted(() -> deliveries(delivered).body("items.findAll { it.status == 'DELIVERED' }.size()",
                    equalTo(2)));
            await().untilAsserted(() -> deliveries(pending).body("items.findAll { it.status == 'PENDING' }.size()",
                    equalTo(2)));
            // Pending ones as old as the finished: their retry long due, held by a sender (claimed for an hour).
            Date longAgo = Date.from(Instant.now().minusSeconds(3600));
            mongo.getDatabase("recommendation").getCollection("webhook_deliveries").updateMany(
                    Filters.eq("subscriptionId", pending), Updates.combine(Updates.set("nextAttemptAt", longAgo),
                            Updates.set("lockedUntil", Date.from(Instant.now().plusSeconds(3600)))));

            await().untilAsserted(() -> deliveries(delivered).body("total", equalTo(0)));
            Thread.sleep(RETENTION_AND_PRUNE.toMillis());
            deliveries(pending).body("total", equalTo(2))
                    .body("items.findAll { it.status == 'PENDING' }.size()", equalTo(2));
        }
    }

    private String subscribe(String url) {
        return given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", "a-shared-secret-of-the-partner"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private io.restassured.response.ValidatableResponse deliveries(String subscription) {
        return given().header("X-Partner-Id", partner).get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().statusCode(200);
    }


    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A failed attempt is retried only after an hour: the pending deliveries are older than the retention
            // long before that.
            return Map.of("platform.webhooks.delivery-retention", "1s", "platform.webhooks.prune-interval", "200ms",
                    "platform.webhooks.initial-backoff", "1h");
        }
    }
}
