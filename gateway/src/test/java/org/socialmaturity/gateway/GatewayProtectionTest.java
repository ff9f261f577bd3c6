package org.socialmaturity.gateway;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socialmaturity.gateway.GatewayApi.as;
import static org.socialmaturity.gateway.GatewayApi.newPartner;
import static org.socialmaturity.gateway.GatewayApi.operator;
import static org.socialmaturity.gateway.GatewayApi.registerCompany;
import static org.socialmaturity.gateway.GatewayApi.startAssessment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.socialmaturity.gateway.GatewayApi.Partner;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The gateway's protections, against the real services behind it. */
@QuarkusTest
@WithTestResource(ServicesBehindGateway.class)
class GatewayProtectionTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aCallWithoutAKeyOrWithAWrongOneIsRefused() {
        given().get("/api/v1/companies").then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("/problems/unauthorized"), "detail", containsString("X-API-Key"));
        given().header("X-API-Key", "not-a-key").get("/api/v1/companies").then().statusCode(401).contentType(PROBLEM);
        Partner partner = newPartner("Wrong secret portal");
        String wrongSecret = partner.apiKey().substring(0, partner.apiKey().length() - 4) + "AAAA";
        given().header("X-API-Key", wrongSecret).get("/api/v1/companies").then().statusCode(401);
        as(partner).get("/api/v1/companies").then().statusCode(200);
    }

    @Test
    void anAddressThatKeepsFailingToAuthenticateIsThrottledBeforeItsKeysAreChecked() {
        Partner partner = newPartner("Guessed-at portal");
        // Behind the Ingress: the client's address as the (trusted) proxy forwards it.
        String guesser = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200 && !statuses.contains(429); i++) {
            statuses.add(given().header("X-Forwarded-For", guesser)
                    .header("X-API-Key", "smk_0123456789abcdef.guess" + i).get("/api/v1/companies")
                    .then().extract().statusCode());
        }
        assertEquals(401, statuses.get(0));
        assertTrue(statuses.contains(429), "guessing is throttled: " + statuses);
        // While throttled, even a right key from that address is not looked at, nor a guess at the operator's key.
        as(partner).header("X-Forwarded-For", guesser).get("/api/v1/companies").then().statusCode(429)
                .contentType(PROBLEM).header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/too-many-failed-authentications"));
        given().header("X-Forwarded-For", guesser).header("X-Admin-Key", "guess").get("/api/v1/admin/partners")
                .then().statusCode(429);
        // Other addresses are not affected.
        as(partner).header("X-Forwarded-For", "203.0.113.9").get("/api/v1/companies").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.9").header("X-API-Key", "smk_0123456789abcdef.other")
                .get("/api/v1/companies").then().statusCode(401);
    }

    @Test
    void anAdviceStreamOpensAtOnceAndIsClosedWhenItsKeyIsRevoked() throws Exception {
        Partner partner = newPartner("Streaming portal");
        String company = registerCompany(partner, "Escuchada SA");
        await().untilAsserted(() -> as(partner).get("/api/v1/companies/" + company + "/advice").then().statusCode(200));

        // No advice is issued: the head must come through all the same.
        HttpResponse<InputStream> stream = openStream(partner, company).get(5, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> drain(stream));
        Thread.sleep(1_000);
        assertTrue(!ended.isDone(), "the stream stays open while the key is valid");

        operator().delete("/api/v1/admin/partners/" + partner.id() + "/keys/" + partner.keyId()).then().statusCode(204);
        assertEquals(0, ended.get(20, TimeUnit.SECONDS), "closed after the revocation");
    }

    @Test
    void streamsHaveConnectionsOfTheirOwnAndOneTooManyIsRefusedAtOnce() throws Exception {
        Partner partner = newPartner("Many streams portal");
        String company = registerCompany(partner, "Vigilada SA");
        await().untilAsserted(() -> as(partner).get("/api/v1/companies/" + company + "/advice").then().statusCode(200));
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < ServicesBehindGateway.STREAM_CONNECTIONS; i++) {
                open.add(openStream(partner, company).get(5, TimeUnit.SECONDS));
                assertEquals(200, open.get(i).statusCode());
            }
            long start = System.nanoTime();
            HttpResponse<InputStream> refused = openStream(partner, company).get(5, TimeUnit.SECONDS);
            assertEquals(503, refused.statusCode(), "no connection left for streams");
            assertEquals(PROBLEM, refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(new String(refused.body().readAllBytes()).contains("as many advice streams as it can"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "refused, not queued");
            // The other calls to the same service have connections of their own.
            as(partner).get("/api/v1/companies/" + company + "/advice").then().statusCode(200);

            open.remove(0).body().close();
            await().untilAsserted(() -> {
                HttpResponse<InputStream> again = openStream(partner, company).join();
                open.add(again);
                assertEquals(200, again.statusCode(), "a closed stream gives its connection back");
            });
        } finally {
            for (HttpResponse<InputStream> stream : open) {
                stream.body().close();
            }
        }
    }

    private CompletableFuture<HttpResponse<InputStream>> openStream(Partner partner, String company) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(
                        gateway.toString().replaceAll("/$", "") + "/api/v1/companies/" + company + "/advice/stream"))
                        .header("X-API-Key", partner.apiKey()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads a stream until the gateway closes it. */
    private static int drain(HttpResponse<InputStream> stream) {
        try (InputStream body = stream.body()) {
            while (body.read() >= 0) {
                // events, if any
            }
            return 0;
        } catch (IOException closed) {
            return 0;
        }
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequestWhileTheNewOneWorks() {
        Partner partner = newPartner("Rotating portal");
        as(partner).get("/api/v1/companies").then().statusCode(200);
        String newKey = operator().post("/api/v1/admin/partners/" + partner.id() + "/keys").then().statusCode(201)
                .body("active", equalTo(true)).extract().path("apiKey");

        operator().delete("/api/v1/admin/partners/" + partner.id() + "/keys/" + partner.keyId()).then().statusCode(204);

        as(partner).get("/api/v1/companies").then().statusCode(401).body("detail", containsString("revoked"));
        given().header("X-API-Key", newKey).get("/api/v1/companies").then().statusCode(200);
        operator().get("/api/v1/admin/partners/" + partner.id()).then().statusCode(200)
                .body("keys.find { it.id == '" + partner.keyId() + "' }.active", equalTo(false))
                .body("keys.apiKey", not(hasItem(newKey)));
    }

    @Test
    void partnerAdministrationIsTheOperatorsAlone() {
        Partner partner = newPartner("Curious portal");
        given().get("/api/v1/admin/partners").then().statusCode(401).contentType(PROBLEM);
        given().header("X-Admin-Key", "guess").get("/api/v1/admin/partners").then().statusCode(403).contentType(PROBLEM);
        as(partner).get("/api/v1/admin/partners").then().statusCode(401);
        as(partner).post("/api/v1/admin/projections/scoring/replay").then().statusCode(401);
        given().header("X-Admin-Key", "guess").post("/api/v1/admin/projections/scoring/replay").then().statusCode(403)
                .contentType(PROBLEM).body("type", equalTo("/problems/forbidden"));
        operator().contentType(ContentType.JSON).body(Map.of("name", " ", "plan", "gold"))
                .post("/api/v1/admin/partners").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("name"), "violations.field", hasItem("plan"));
        operator().get("/api/v1/admin/partners/no-such-partner").then().statusCode(404).contentType(PROBLEM);
        io.restassured.response.ExtractableResponse<?> created = operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Located portal")).post("/api/v1/admin/partners").then().statusCode(201).extract();
        assertEquals("/api/v1/admin/partners/" + created.path("id"), created.header("Location"));
        operator().put("/api/v1/admin/partners").then().statusCode(405).contentType(PROBLEM);
        operator().delete("/api/v1/admin/partners/" + partner.id() + "/keys/0000000000000000").then().statusCode(404);
        operator().get("/api/v1/admin/partners?size=100").then().statusCode(200)
                .body("items.id", hasItem(partner.id()), "items.keys.flatten().apiKey", not(hasItem(partner.apiKey())));
    }

    @Test
    void anotherPartnersCompanyDoesNotExistForYouEvenWhenYouClaimToBeThem() {
        Partner owner = newPartner("Owner portal");
        Partner other = newPartner("Other portal");
        String company = registerCompany(owner, "Ferreterías Norte");
        String assessment = startAssessment(owner, company);

        for (String path : List.of("/api/v1/companies/" + company, "/api/v1/companies/" + company + "/maturity",
                "/api/v1/companies/" + company + "/trajectory", "/api/v1/companies/" + company + "/history",
                "/api/v1/companies/" + company + "/report", "/api/v1/companies/" + company + "/dossier", "/api/v1/companies/" + company + "/advice", "/api/v1/assessments/" + assessment)) {
            as(other).get(path).then().statusCode(404).contentType(PROBLEM);
            // The identity header is the gateway's to set: a caller's own is thrown away.
            as(other).header("X-Partner-Id", owner.id()).header("X-Gateway-Secret", "anything").get(path)
                    .then().statusCode(404);
        }
        as(other).header("X-Partner-Id", owner.id()).get("/api/v1/companies").then().statusCode(200)
                .body("items.id", not(hasItem(company)));
        as(owner).get("/api/v1/companies/" + company).then().statusCode(200).body("id", equalTo(company));
    }

    @Test
    void servicesRefuseCallersWithoutTheGatewaysSecret() {
        String direct = ServicesBehindGateway.serviceUrl("assessment") + "/api/v1/companies";
        given().header("X-Partner-Id", "someone").get(direct).then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("/problems/gateway-only"));
        given().header("X-Partner-Id", "someone").header("X-Gateway-Secret", "wrong").get(direct)
                .then().statusCode(401).body("type", equalTo("/problems/gateway-only"));
        given().header("X-Partner-Id", "someone").header("X-Gateway-Secret", ServicesBehindGateway.SECRET).get(direct)
                .then().statusCode(200);
        String scoring = ServicesBehindGateway.serviceUrl("scoring") + "/api/v1/companies/x/maturity";
        given().header("X-Partner-Id", "someone").get(scoring).then().statusCode(401);
    }

    @Test
    void eachKeyHasItsOwnRateLimit() throws Exception {
        Partner busy = newPartner("Busy portal");
        Partner calm = newPartner("Calm portal");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(pool.submit(() -> as(busy).get("/api/v1/no-such-operation")));
            }
            Response limited = null;
            int notFound = 0;
            for (Future<Response> call : calls) {
                Response response = call.get();
                if (response.statusCode() == 429 && limited == null) {
                    limited = response;
                } else if (response.statusCode() == 404) {
                    notFound++;
                }
            }
            assertTrue(limited != null, "400 calls at once should pass a bucket of 100 refilled at 50/s");
            assertTrue(notFound >= 100, "the first 100 calls fit the burst, got " + notFound);
            assertEquals(PROBLEM, limited.contentType());
            assertEquals("/problems/rate-limited", limited.path("type"));
            assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        } finally {
            pool.shutdown();
        }
        as(calm).get("/api/v1/companies").then().statusCode(200);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItReachesAService() {
        Partner partner = newPartner("Verbose portal");
        String name = "x".repeat(20_000);
        as(partner).contentType(ContentType.JSON)
                .body(Map.of("name", name, "sector", "retail", "country", "ES", "employees", 1))
                .post("/api/v1/companies").then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("/problems/payload-too-large"));
        // Without a Content-Length (chunked), the limit applies as the body arrives.
        as(partner).contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(("{\"name\":\"" + name + "\"}").getBytes()))
                .post("/api/v1/companies").then().statusCode(413);
        as(partner).get("/api/v1/companies").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theCorrelationIdGoesToTheServiceIntoTheAuditHistoryAndBack() {
        Partner partner = newPartner("Traced portal");
        String company = registerCompany(partner, "Trazas S.L.");
        String assessment = startAssessment(partner, company);
        String question = GatewayApi.V1.questions().get(0).id();
        as(partner).header("X-Request-Id", "portal-req-42").contentType(ContentType.JSON)
                .body(GatewayApi.answerAt(GatewayApi.V1.questions().get(0), 2))
                .put("/api/v1/assessments/" + assessment + "/answers/" + question)
                .then().statusCode(200).header("X-Request-Id", "portal-req-42");
        await().untilAsserted(() -> as(partner)
                .get("/api/v1/companies/" + company + "/history").then().statusCode(200)
                .body("items[0].correlationId", equalTo("portal-req-42")));
        as(partner).header("X-Request-Id", "portal-req-43").get("/api/v1/companies/nope")
                .then().statusCode(404).header("X-Request-Id", "portal-req-43").body("requestId", equalTo("portal-req-43"));
        given().header("X-Request-Id", "portal-req-44").get("/api/v1/companies")
                .then().statusCode(401).body("requestId", equalTo("portal-req-44"));
    }

    @Test
    void locationsNameTheGatewayNotTheService() {
        Partner partner = newPartner("Located portal");
        String location = as(partner).contentType(ContentType.JSON)
                .body(Map.of("name", "Ubicada S.A.", "sector", "retail", "country", "ES", "employees", 3))
                .post("/api/v1/companies").then().statusCode(201).extract().header("Location");
        assertTrue(location.endsWith("/api/v1/companies/" + as(partner).get("/api/v1/companies").path("items[0].id")),
                location);
        assertTrue(!location.contains(ServicesBehindGateway.serviceUrl("assessment")), location);
    }

    @Test
    void pathsThatCouldMeanSomethingElseToAServiceAreRefused() {
        Partner partner = newPartner("Tricky portal");
        as(partner).urlEncodingEnabled(false).get("/api/v1/companies/%2e%2e/webhooks")
                .then().statusCode(400).contentType(PROBLEM);
        as(partner).urlEncodingEnabled(false).get("/api/v1/webhooks/a%2Fb").then().statusCode(400);
    }

    @Test
    void aRequestOverThePublishedLimitsIsRefusedWithAProblem() {
        Partner partner = newPartner("Long-winded portal");
        String longId = "x".repeat(Refusals.MAX_URI_CHARS);
        as(partner).get("/api/v1/companies/" + longId).then().statusCode(414).contentType(PROBLEM)
                .body("type", equalTo("/problems/request-uri-too-long"), "requestId", notNullValue());
        // Just within the limit the call reaches the service, which does not know the company.
        String withinLimit = "x".repeat(Refusals.MAX_URI_CHARS - "/api/v1/companies/".length());
        as(partner).get("/api/v1/companies/" + withinLimit).then().statusCode(404).contentType(PROBLEM);
        as(partner).header("X-Padding", "y".repeat(Refusals.MAX_HEADER_BYTES)).get("/api/v1/companies")
                .then().statusCode(431).contentType(PROBLEM)
                .body("type", equalTo("/problems/request-header-fields-too-large"));
        as(partner).get("/api/v1/companies").then().statusCode(200);
    }

    @Test
    void refusalsOutsideThePublicApiAreProblemsToo() {
        given().get("/no-such-page").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("/problems/not-found"), "instance", equalTo("/no-such-page"));
        given().delete("/index.html").then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("/problems/method-not-allowed"));
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
    }

    @Test
    void theDashboardIsServedWithABrowserSecurityPolicyAndKeepsTheKeyInThisTabOnly() {
        for (String path : new String[] {"/", "/index.html", "/dashboard/dashboard.js", "/dashboard/dashboard.css"}) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer");
        }
        String script = given().get("/dashboard/dashboard.js").asString();
        assertTrue(script.contains("sessionStorage.setItem('smp.key'"), "the key is kept for this tab");
        assertTrue(!script.contains("localStorage"), "nothing is kept beyond the tab");
        String page = given().get("/").asString();
        assertTrue(!page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script, which the policy would block");
        given().get("/api/v1/companies").then().statusCode(401).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void browsersFromAConfiguredOriginMayCall() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "x-api-key,content-type")
                .options("/api/v1/assessments/a/answers/q").then()
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", containsString("PUT"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/companies").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aCallerWaitingForContinueIsToldToSendItsBody() throws Exception {
        Partner partner = newPartner("Patient uploader");
        String body = "{\"name\":\"Continua S.A.\",\"sector\":\"retail\",\"country\":\"ES\",\"employees\":4}";
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
            out.write(("POST /api/v1/companies HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + partner.apiKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes());
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine(), "before the body is sent");
            in.readLine();
            out.write(body.getBytes());
            out.flush();
            assertEquals("HTTP/1.1 201 Created", in.readLine());
        }
    }

    @Test
    void metricsNameRoutesNotIds() {
        Partner partner = newPartner("Measured portal");
        String company = registerCompany(partner, "Métrica S.A.");
        as(partner).get("/api/v1/companies/" + company).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/api/v1/companies/{companyId}\""), "templated route label");
        assertTrue(!metrics.contains(company), "no company id in any label");
    }

    @Test
    void theOperatorReplaysThroughTheGateway() {
        operator().post("/api/v1/admin/projections/recommendation/replay").then().statusCode(202);
        await().untilAsserted(() -> operator()
                .get("/api/v1/admin/projections/recommendation/replay").then().statusCode(200)
                .body("state", equalTo("DONE")));
    }
}
