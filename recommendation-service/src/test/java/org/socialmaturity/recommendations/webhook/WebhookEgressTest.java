package org.socialmaturity.recommendations.webhook;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * As in production, webhooks may not reach the platform's own network: an internal address is refused when a partner
 * subscribes and again at every delivery, which connects only to an address it checked. Here a subscription whose
 * name resolved to a public address when it was made (stored as it would have been) resolves to loopback when its
 * delivery is sent, as with DNS rebinding.
 */
@QuarkusTest
@TestProfile(WebhookEgressTest.AsInProduction.class)
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookEgressTest {

    private static final String SECRET = "a-shared-secret-of-the-partner";

    @Inject
    EventStore store;

    @Inject
    WebhookRepository webhooks;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final String partner = "partner-" + UUID.randomUUID();
    private HookEndpoint receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new HookEndpoint(request -> {
            received.add(request.body());
            return 200;
        });
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.0.0.8/hook",
            "http://100.64.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::ffff:127.0.0.1]/hook",
            "http://[fd00::1]/hook", "http://[64:ff9b::a00:1]/hook", "http://0.0.0.0:8083/hook"})
    void aSubscriptionToAnInternalAddressIsRefused(String url) {
        given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("url"))
                .body("violations[0].message", startsWith("must not point at an internal address"));
    }

    @Test
    void aDeliveryToANameThatNowResolvesInsideIsNotSent() {
        Subscription rebound = new Subscription(UUID.randomUUID().toString(), partner,
                "http://localhost:" + receiver.url().split(":")[2], SECRET, Instant.now());
        webhooks.subscribe(rebound, 10);
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Rebinding SA", "retail", "ES", 10, Instant.now()));
        PublishedEvents.publish(store, "maturity:" + company, 0,
                new MaturityPhaseChanged(company, partner, null, 2, Quadrant.OBSERVERS, 30,
                Map.of("LISTENING", 1.5), "answer-x", 1, Instant.now()));

        await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                .get("/api/v1/webhooks/{id}/deliveries", rebound.id()).then().statusCode(200)
                .body("items.find { it.eventType == 'MaturityPhaseChanged' }.attempts[0].error",
                        equalTo("the endpoint resolves to a loopback address, which webhooks may not reach"))
                .body("items.find { it.eventType == 'MaturityPhaseChanged' }.attempts[0].httpStatus",
                        org.hamcrest.Matchers.nullValue()));
        assertEquals(List.of(), received, "nothing reached the internal endpoint");
    }


    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.webhooks.allow-private-addresses", "false");
        }
    }
}
