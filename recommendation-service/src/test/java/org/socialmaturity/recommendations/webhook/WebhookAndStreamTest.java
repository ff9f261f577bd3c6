package org.socialmaturity.recommendations.webhook;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.TargetReached;
import org.socialmaturity.recommendations.PublishedEvents;
import org.socialmaturity.testsupport.LocalMongoTestResource;


import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookAndStreamTest {

    private static final String SECRET = "a-shared-secret-of-the-partner";

    @Inject
    EventStore store;

    @Inject
    MongoClient mongo;

    @Inject
    WebhookRepository webhooks;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    private HookEndpoint receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(2);
    private final String partner = "partner-" + UUID.randomUUID();

    /** Answers 500 to the phase change twice, then 200, and keeps what it got. */
    @BeforeEach
    void startReceiver() {
        receiver = new HookEndpoint(request -> {
            received.add(new Received(request.headers().getFirst("X-Event-Id"),
                    request.headers().getFirst("X-Event-Type"), request.headers().getFirst("X-Signature"),
                    request.body()));
            return request.body().contains("\"type\":\"MaturityPhaseChanged\"") && failuresLeft.getAndDecrement() > 0
                    ? 500 : 200;
        });
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aFailingEndpointGetsTheSignedDeliveryOnItsThirdAttemptAndTheLogShowsAllThree() throws Exception {
        String subscription = given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String company = companyEntersPhase(2);

        await().untilAsserted(() -> assertEquals(4, received.size(), "3 attempts of the phase change + 1 of the advice"));
        Received phaseChange = received.stream().filter(r -> "MaturityPhaseChanged".equals(r.type())).findFirst()
                .orElseThrow();
        assertEquals("sha256=" + hmacSha256(SECRET, phaseChange.body()), phaseChange.signature(),
                "the signature verifies over the exact body");
        assertEquals(List.of(phaseChange.eventId(), phaseChange.eventId(), phaseChange.eventId()),
                received.stream().filter(r -> r.type().equals("MaturityPhaseChanged")).map(Received::eventId).toList());
        assertTrue(received.stream().anyMatch(r -> r.type().equals("AdviceIssued") && r.body().contains(company)));

        await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                .get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.eventType == 'MaturityPhaseChanged' }.status", equalTo("DELIVERED"))
                .body("items.find { it.eventType == 'MaturityPhaseChanged' }.attempts.httpStatus", contains(500, 500, 200))
                .body("items.find { it.eventType == 'AdviceIssued' }.attempts", hasSize(1)));
        given().header("X-Partner-Id", "someone-else").get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().statusCode(404);

        // A replay of everything sends nothing again.
        given().header("X-Admin-Key", "local-admin-key").post("/api/v1/admin/projections/recommendation/replay")
                .then().statusCode(202);
        await().untilAsserted(() -> given().header("X-Admin-Key", "local-admin-key")
                .get("/api/v1/admin/projections/recommendation/replay").then().body("state", equalTo("DONE")));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().body("total", equalTo(1)));
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(4, received.size(), "no delivery sent again");
        given().header("X-Partner-Id", partner).get("/api/v1/webhooks/{id}/deliveries", subscription)
                .then().body("total", equalTo(2));
    }

    @Test
    void aTargetReachedIsDeliveredOnceAndIssuesNoAdvice() throws Exception {
        given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201);
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Targeted SA", "retail", "ES", 10, Instant.now()));
        PublishedEvents.publish(store, "maturity:" + company, 0, new TargetReached(company, partner, "target-1", 3, 3,
                66.7, "answer-9", 9, Instant.now()));

        await().untilAsserted(() -> assertEquals(1, received.stream().filter(r -> "TargetReached".equals(r.type())).count()));
        Received reached = received.stream().filter(r -> "TargetReached".equals(r.type())).findFirst().orElseThrow();
        assertTrue(reached.body().contains("\"targetId\":\"target-1\"") && reached.body().contains(company),
                reached.body());
        assertEquals("sha256=" + hmacSha256(SECRET, reached.body()), reached.signature());
        given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void subscriptionsAreCheckedListedAndDeleted() {
        given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://portal.example/hook", "secret", "short"))
                .post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("url", "secret"));
        String id = given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", "https://portal.example/hook", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().header("X-Partner-Id", partner).get("/api/v1/webhooks")
                .then().body("items.id", contains(id)).body("items[0].secret", org.hamcrest.Matchers.nullValue());
        given().header("X-Partner-Id", "someone-else").delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
        given().header("X-Partner-Id", partner).delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        given().header("X-Partner-Id", partner).delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void secretsAreStoredEncryptedAndThoseStoredInTheClearBeforeAreSealedAtStart() {
        String id = given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", "https://portal.example/hook", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        MongoCollection<org.bson.Document> stored = mongo.getDatabase("recommendation")
                .getCollection("webhook_subscriptions");
        String atRest = stored.find(Filters.eq("_id", id)).first().getString("secret");
        assertTrue(atRest.startsWith("aes-gcm:v1:") && !atRest.contains(SECRET), atRest);
        assertEquals(SECRET, webhooks.secretOf(webhooks.subscription(partner, id).orElseThrow()));

        String old = UUID.randomUUID().toString();
        stored.insertOne(new org.bson.Document("_id", old).append("partnerId", partner)
                .append("url", "https://portal.example/old").append("secret", "stored-in-the-clear-long-ago")
                .append("createdAt", new java.util.Date()));
        webhooks.sealStoredSecrets(null);
        String sealed = stored.find(Filters.eq("_id", old)).first().getString("secret");
        assertTrue(sealed.startsWith("aes-gcm:v1:"), sealed);
        assertEquals("stored-in-the-clear-long-ago", webhooks.secretOf(webhooks.subscription(partner, old).orElseThrow()));
    }

    @Test
    void aSecretThatNoLongerOpensFailsItsOwnDeliveriesAndNothingElse() {
        MongoCollection<org.bson.Document> stored = mongo.getDatabase("recommendation")
                .getCollection("webhook_subscriptions");
        String lost = UUID.randomUUID().toString();
        // Sealed under another key (the platform's key was changed): it cannot be opened any more.
        stored.insertOne(new org.bson.Document("_id", lost).append("partnerId", partner)
                .append("url", receiver.url()).append("secret", new SecretBox(java.util.Base64.getEncoder()
                        .encodeToString("another-key-another-key-another!".getBytes(StandardCharsets.UTF_8)))
                        .seal(lost, SECRET))
                .append("createdAt", new java.util.Date()));
        String company = companyEntersPhase(2);

        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200).body("total", equalTo(1)));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                .get("/api/v1/webhooks/{id}/deliveries", lost).then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("FAILED")))
                .body("items.size()", equalTo(2))
                .body("items[0].attempts[0].error", org.hamcrest.Matchers.startsWith(
                        "the subscription's secret can no longer be read")));
        given().header("X-Partner-Id", partner).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(lost));
        given().header("X-Partner-Id", partner).delete("/api/v1/webhooks/{id}", lost).then().statusCode(204);
        assertEquals(List.of(), received, "nothing was sent unsigned");
    }

    @Test
    void aPartnerHoldsAtMostTenSubscriptionsEvenWhenItAsksForMoreAtOnce() throws Exception {
        List<CompletableFuture<Integer>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            int n = i;
            requests.add(CompletableFuture.supplyAsync(() -> given().header("X-Partner-Id", partner)
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", "https://portal.example/hook/" + n, "secret", SECRET))
                    .post("/api/v1/webhooks").then().extract().statusCode()));
        }
        List<Integer> statuses = requests.stream().map(CompletableFuture::join).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
        int held = given().header("X-Partner-Id", partner).get("/api/v1/webhooks?size=100").then().extract()
                .path("total");
        assertTrue(held <= 10, "held " + held);
        assertEquals(statuses.stream().filter(s -> s == 201).count(), held, "every 201 is a subscription kept");

        while (given().header("X-Partner-Id", partner).get("/api/v1/webhooks").then().extract()
                .<Integer>path("total") < 10) {
            given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://portal.example/hook/more", "secret", SECRET))
                    .post("/api/v1/webhooks").then().statusCode(201);
        }
        given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", "https://portal.example/hook/eleventh", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/webhook-limit")).body("limit", equalTo(10));
        // Another partner is not affected by this one's limit.
        given().header("X-Partner-Id", "other-" + partner).contentType(ContentType.JSON)
                .body(Map.of("url", "https://portal.example/hook", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201);
        String first = given().header("X-Partner-Id", partner).get("/api/v1/webhooks").then().extract()
                .path("items[0].id");
        given().header("X-Partner-Id", partner).delete("/api/v1/webhooks/{id}", first).then().statusCode(204);
        given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                .body(Map.of("url", "https://portal.example/hook/replacement", "secret", SECRET))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void aSlowPartnerHoldsOnlyItsShareOfTheSendersAndAnAnswerThatNeverEndsIsCutOff() throws Exception {
        try (TricklingEndpoint slow = new TricklingEndpoint()) {
            String slowSubscription = given().header("X-Partner-Id", partner).contentType(ContentType.JSON)
                    .body(Map.of("url", slow.url(), "secret", SECRET))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            for (int i = 0; i < 6; i++) {
                companyEntersPhase(2); // a phase change and its advice: 12 deliveries to the slow endpoint
            }
            await().untilAsserted(() -> assertTrue(slow.accepted() >= 2, "the slow endpoint is being sent to"));

            String quick = "quick-" + UUID.randomUUID();
            given().header("X-Partner-Id", quick).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "secret", SECRET))
                    .post("/api/v1/webhooks").then().statusCode(201);
            String company = UUID.randomUUID().toString();
            PublishedEvents.publish(store, company, 0,
                    new CompanyRegistered(company, quick, "Rápida SA", "retail", "ES", 10, Instant.now()));
            PublishedEvents.publish(store, "maturity:" + company, 0,
                    new MaturityPhaseChanged(company, quick, null, 2, Quadrant.OBSERVERS, 30,
                    Map.of("LISTENING", 1.5), "answer-x", 1, Instant.now()));
            await().untilAsserted(() -> assertTrue(received.stream().anyMatch(r -> r.body().contains(company)),
                    "the other partner's delivery arrives while the slow endpoint holds its own"));
            // A quarter of the 8 senders; the endpoint may notice a connection given up a chunk (200 ms) late, while
            // the next attempt already connects, hence one more at most.
            assertTrue(slow.mostOpenAtOnce() <= 3,
                    "one partner holds at most a quarter of the 8 senders, held " + slow.mostOpenAtOnce());

            // The slow endpoint sent 200 at once but never finished: not delivered, cut off at the timeout.
            await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                    .get("/api/v1/webhooks/{id}/deliveries?size=100", slowSubscription).then()
                    .body("items.status", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("DELIVERED")))
                    .body("items.attempts.flatten().error",
                            org.hamcrest.Matchers.hasItem("no complete answer within 2000 ms"))
                    .body("items.attempts.flatten().httpStatus", org.hamcrest.Matchers.everyItem(
                            org.hamcrest.Matchers.nullValue())));
        }
    }

    @Test
    void aPartnerKeepsAtMostFiveStreamsOpenAndAClosedOneMakesRoom() throws Exception {
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Watched SA", "retail", "ES", 10, Instant.now()));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200));
        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<java.io.InputStream> stream = openStream(http, partner, company);
                assertEquals(200, stream.statusCode());
                open.add(stream);
            }
            HttpResponse<java.io.InputStream> sixth = openStream(http, partner, company);
            assertEquals(429, sixth.statusCode());
            String problem = new String(sixth.body().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(problem.contains("\"type\":\"/problems/too-many-streams\"") && problem.contains("\"limit\":5"),
                    problem);

            close(open.remove(0));
            await().untilAsserted(() -> {
                HttpResponse<java.io.InputStream> again = openStream(http, partner, company);
                if (again.statusCode() == 200) {
                    open.add(again);
                } else {
                    close(again);
                }
                assertEquals(200, again.statusCode(), "a closed stream makes room");
            });
        } finally {
            open.forEach(WebhookAndStreamTest::close);
        }
    }

    private static void close(HttpResponse<java.io.InputStream> stream) {
        try {
            stream.body().close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<java.io.InputStream> openStream(HttpClient http, String partnerId, String company) {
        try {
            return http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/companies/" + company + "/advice/stream"))
                    .header("X-Partner-Id", partnerId).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStreamReceivesAdviceAsItIsIssued() throws Exception {
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Streamed SA", "retail", "ES", 10, Instant.now()));
        await().untilAsserted(() -> given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/companies/" + company + "/advice/stream"))
                .header("X-Partner-Id", partner).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        return line.substring(5);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        PublishedEvents.publish(store, "maturity:" + company, 0, phaseChanged(company, 3));

        String event = firstEvent.get(20, TimeUnit.SECONDS);
        assertTrue(event.contains("\"type\":\"PHASE_ENTERED\"") && event.contains("PHASE.3"), event);
    }

    private String companyEntersPhase(int phase) {
        String company = UUID.randomUUID().toString();
        PublishedEvents.publish(store, company, 0,
                new CompanyRegistered(company, partner, "Hooked SA", "retail", "ES", 10, Instant.now()));
        PublishedEvents.publish(store, "maturity:" + company, 0, phaseChanged(company, phase));
        return company;
    }

    private MaturityPhaseChanged phaseChanged(String company, int phase) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("LISTENING", 1.5);
        scores.put("TEAM", 2.0);
        return new MaturityPhaseChanged(company, partner, null, phase, Quadrant.OBSERVERS, 30, scores, "answer-x", 1,
                Instant.now());
    }


    private record Received(String eventId, String type, String signature, String body) {
    }

    /** What a partner's endpoint computes to check a delivery: the hex HMAC-SHA256 of the body it received. */
    private static String hmacSha256(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
