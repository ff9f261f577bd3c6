package org.socialmaturity.system;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.testsupport.PlatformProcesses;
import org.socialmaturity.localmongo.StoredEvents;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The operator rebuilds scoring's and recommendation's read models while partners read, each service on two replicas:
 * every answer partners get during the rebuild equals the one before it (a rebuild cancelled first included), the
 * replica running scoring's rebuild is killed with SIGKILL halfway and the rebuild resumes, the new generations equal the old ones document by document,
 * and the rebuild declares, issues and delivers nothing.
 */
class RebuildWhilePartnersReadTest {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().current();
    private static final String PARTNER = "rebuild-partner";
    /** Small batches, so that the rebuild of a few thousand events lasts long enough to be killed halfway. */
    private static final Map<String, String> REPLICA = Map.of("PLATFORM_READ_MODELS_BATCH_SIZE", "10",
            "PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");

    private static final HttpClient READS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PlatformProcesses platform;
    private static MongoClient mongo;
    private static String assessments;
    private static final Map<String, String> scoring = new LinkedHashMap<>();
    private static final Map<String, String> recommendation = new LinkedHashMap<>();

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = new PlatformProcesses();
        mongo = MongoClients.create(platform.mongoUri());
        fillTheStore(300, 20);
        assessments = platform.start("assessment-service", "assessment-service-r", Map.of());
        for (String replica : List.of("r1", "r2")) {
            scoring.put("scoring-service-" + replica, platform.start("scoring-service", "scoring-service-" + replica,
                    REPLICA));
            recommendation.put("recommendation-service-" + replica, platform.start("recommendation-service",
                    "recommendation-service-" + replica, REPLICA));
        }
    }

    @AfterAll
    static void stopThePlatform() {
        mongo.close();
        platform.close();
    }

    @Test
    void partnersReadTheSameAnswersWhileBothRebuildAndAReplicaIsKilledHalfway() throws Exception {
        String anyRecommendation = recommendation.values().iterator().next();
        DirectCalls.asPartner(anyRecommendation, PARTNER).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/never-listening", "secret", "a-secret-of-the-rebuild-test"))
                .post("/api/v1/webhooks")
                .then().statusCode(201);
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String company = DirectCalls.asPartner(assessments, PARTNER).contentType(ContentType.JSON)
                    .body(Map.of("name", "Reconstruida " + i, "sector", "retail", "country", "ES", "employees", 30))
                    .post("/api/v1/companies").then().statusCode(201).extract().<String>path("id");
            answerEverything(company, 2);
            answerEverything(company, 3 + i % 2);
            companies.add(company);
        }
        awaitConsistent("scoring", scoring.values().iterator().next());
        awaitConsistent("recommendation", anyRecommendation);

        Map<String, String> before = new LinkedHashMap<>();
        for (String company : companies) {
            before.putAll(reads(company));
        }
        Map<String, List<Document>> modelsBefore = readModels();
        long declaredBefore = count(MaturityPhaseChanged.class, QuadrantChanged.class);
        long issuedBefore = count(AdviceIssued.class);
        long deliveriesBefore = mongo.getDatabase("recommendation").getCollection("webhook_deliveries")
                .countDocuments();
        assertTrue(deliveriesBefore > 0, "the partner's phase changes and advice were put in its outbox");

        AtomicBoolean reading = new AtomicBoolean(true);
        Map<String, String> mismatches = new ConcurrentHashMap<>();
        AtomicInteger compared = new AtomicInteger();
        Thread partner = new Thread(() -> {
            try {
                while (reading.get()) {
                    for (String company : companies) {
                        readAndCompare(company, before, mismatches, compared);
                    }
                }
            } catch (Throwable e) {
                mismatches.put("the partner's reading", e.toString());
            }
        }, "partner-reading");
        partner.start();

        // A rebuild cancelled at once: partners go on reading the generation they read, the one begun is dropped.
        int cancelled = startRebuild("recommendation", recommendation);
        DirectCalls.asOperator(recommendation.values().iterator().next())
                .delete("/api/v1/admin/projections/recommendation/replay")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("generation", equalTo(cancelled))
                .body("currentGeneration", equalTo(cancelled - 1));
        await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> assertFalse(mongo.getDatabase("recommendation").listCollectionNames()
                .into(new ArrayList<>()).contains("advice_logs_g" + cancelled), "the cancelled generation is dropped"));

        int generation = startRebuild("scoring", scoring);
        assertEquals(cancelled + 1, startRebuild("recommendation", recommendation), "its slot is free again");
        String rebuilding = awaitHalfwayAndFindTheReplicaRunningIt("scoring", scoring);
        int comparedMidway = compared.get();
        platform.kill(rebuilding);
        platform.restart(rebuilding);

        awaitDone("scoring", scoring, generation);
        awaitDone("recommendation", recommendation, -1);
        await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> assertTrue(compared.get() > comparedMidway + 8,
                "partners go on getting answers after the kill: " + compared.get()));
        reading.set(false);
        partner.join();

        assertEquals(Map.of(), mismatches, "every answer during the rebuild equals the one before it");
        assertTrue(comparedMidway > 0, "partners read while the rebuild ran");
        Map<String, List<Document>> modelsAfter = readModels();
        for (String model : modelsBefore.keySet()) {
            assertEquals(modelsBefore.get(model), modelsAfter.get(model), model + " rebuilt document by document");
        }
        assertEquals(declaredBefore, count(MaturityPhaseChanged.class, QuadrantChanged.class),
                "no phase or quadrant change declared by the rebuild");
        assertEquals(issuedBefore, count(AdviceIssued.class), "no advice issued by the rebuild");
        assertEquals(deliveriesBefore, mongo.getDatabase("recommendation").getCollection("webhook_deliveries")
                .countDocuments(), "no webhook delivery added by the rebuild");
        await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> assertFalse(mongo.getDatabase("scoring").listCollectionNames().into(new ArrayList<>())
                .contains("timelines_g" + (generation - 1)), "the old generation is dropped"));
    }

    /** What a partner reads of a company: maturity, trajectory and history from scoring, advice from recommendation. */
    private static Map<String, String> reads(String company) {
        Map<String, String> reads = new LinkedHashMap<>();
        String scoringUrl = scoring.values().iterator().next();
        for (String path : List.of("maturity", "trajectory", "history?size=100")) {
            reads.put(company + " " + path, withoutReadInstant(read(scoringUrl, "/api/v1/companies/" + company + "/"
                    + path).body()));
        }
        reads.put(company + " advice", read(recommendation.values().iterator().next(),
                "/api/v1/companies/" + company + "/advice?size=100").body());
        return reads;
    }

    /** Reads every answer from every replica that is up; a killed replica's refused connection is not an answer. */
    private static void readAndCompare(String company, Map<String, String> before, Map<String, String> mismatches,
                                       AtomicInteger compared) {
        for (String scoringUrl : scoring.values()) {
            for (String path : List.of("maturity", "trajectory", "history?size=100")) {
                compare(scoringUrl, company + " " + path, "/api/v1/companies/" + company + "/" + path, before,
                        mismatches, compared);
            }
        }
        for (String recommendationUrl : recommendation.values()) {
            compare(recommendationUrl, company + " advice", "/api/v1/companies/" + company + "/advice?size=100",
                    before, mismatches, compared);
        }
    }

    private static void compare(String url, String key, String path, Map<String, String> before,
                                Map<String, String> mismatches, AtomicInteger compared) {
        int status;
        String body;
        try {
            Answer answer = read(url, path);
            status = answer.status();
            body = answer.body();
        } catch (RuntimeException down) {
            // The replica was killed before or while it answered: no answer, nothing to compare.
            return;
        }
        compared.incrementAndGet();
        if (status != 200 || !withoutReadInstant(body).equals(before.get(key))) {
            mismatches.putIfAbsent(url + " " + key, status + " " + body);
        }
    }

    /** The maturity says when it was read ({@code asOf}, now by default): not part of what is compared. */
    private static String withoutReadInstant(String body) {
        return body.replaceFirst("\"asOf\":\"[^\"]*\",?", "");
    }

    /** With timeouts: a request caught by the kill must fail, not hang the partner's reading. */
    private static Answer read(String url, String path) {
        try {
            HttpResponse<String> response = READS.send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("X-Partner-Id", PARTNER)
                    .header(DirectCalls.GATEWAY_SECRET_HEADER, PlatformProcesses.GATEWAY_SECRET)
                    .timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {
    }

    private static int startRebuild(String service, Map<String, String> replicas) {
        return DirectCalls.asOperator(replicas.values().iterator().next())
                .post("/api/v1/admin/projections/{service}/replay", service)
                .then().statusCode(202).body("state", equalTo("REBUILDING")).extract().path("generation");
    }

    /** Once a fifth of the store is rebuilt: the replica whose slot processor holds the rebuild's segment. */
    private static String awaitHalfwayAndFindTheReplicaRunningIt(String service, Map<String, String> replicas) {
        String[] holder = new String[1];
        await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> {
            Response status = DirectCalls.asOperator(replicas.values().iterator().next())
                    .get("/api/v1/admin/projections/{service}/replay", service);
            assertEquals("REBUILDING", status.path("state"), status.asString());
            long processed = ((Number) status.path("processed")).longValue();
            long total = ((Number) status.path("total")).longValue();
            assertTrue(processed > total / 5, status.asString());
            assertTrue(((Number) status.path("eventsPerSecond")).doubleValue() > 0, status.asString());
            String slot = mongo.getDatabase(service).getCollection("read_model_generations")
                    .find(new Document("_id", "maturity-timeline")).first().get("next", Document.class).getString("slot");
            for (Map.Entry<String, String> replica : replicas.entrySet()) {
                String ready = given().baseUri(replica.getValue()).get("/q/health/ready").asString();
                if (ready.matches("(?s).*\"maturity-timeline-" + slot + "\" *: *\"running, 1 segment.*")) {
                    holder[0] = replica.getKey();
                }
            }
            assertTrue(holder[0] != null, "a replica holds the rebuild");
        });
        return holder[0];
    }

    private static void awaitDone(String service, Map<String, String> replicas, int generation) {
        await().atMost(Duration.ofMillis(120_000)).untilAsserted(() -> {
            for (String url : replicas.values()) {
                Response status = DirectCalls.asOperator(url)
                        .get("/api/v1/admin/projections/{service}/replay", service);
                assertEquals("DONE", status.path("state"), status.asString());
                if (generation > 0) {
                    assertEquals(generation, (int) status.path("currentGeneration"), status.asString());
                }
            }
        });
    }

    private static void awaitConsistent(String service, String url) {
        await().atMost(Duration.ofMillis(120_000)).untilAsserted(() -> DirectCalls.asOperator(url)
                .get("/api/v1/admin/projections/{service}/consistency", service)
                .then().statusCode(200).body("differences.size()", equalTo(0)));
    }

    /** Every document of the read models partners read now, by read model, in id order. */
    private static Map<String, List<Document>> readModels() {
        Map<String, List<Document>> models = new LinkedHashMap<>();
        models.put("timelines", current("scoring", "maturity-timeline", "timelines"));
        models.put("timeline pages", current("scoring", "maturity-timeline", "timeline_pages"));
        models.put("advice logs", current("recommendation", "advice-log", "advice_logs"));
        return models;
    }

    private static List<Document> current(String database, String readModel, String collection) {
        MongoDatabase db = mongo.getDatabase(database);
        Document generations = db.getCollection("read_model_generations").find(new Document("_id", readModel)).first();
        int generation = generations.get("current", Document.class).getInteger("generation");
        List<Document> documents = db.getCollection(collection + "_g" + generation).find().into(new ArrayList<>());
        documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
        return documents;
    }

    private static long count(Class<?>... types) {
        List<String> names = java.util.Arrays.stream(types).map(Class::getName).toList();
        return new StoredEvents(mongo).all().stream().filter(e -> names.contains(e.payloadType())).count();
    }

    /**
     * Another partner's companies, appended straight through the engine as assessment-service would: each registered
     * with a run of assessments started, events a rebuild reads and applies, and that need no decision.
     */
    private static void fillTheStore(int companies, int assessmentsEach) {
        DirectAppends engine = new DirectAppends(mongo);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int c = 0; c < companies; c++) {
            String company = UUID.randomUUID().toString();
            engine.append(List.of(new GenericDomainEventMessage<>("Company", company, 0,
                    new CompanyRegistered(company, "filler-partner", "Relleno " + c, "retail", "ES", 10, at))));
            for (int a = 0; a < assessmentsEach; a++) {
                String assessment = UUID.randomUUID().toString();
                engine.append(List.of(new GenericDomainEventMessage<>("Assessment", assessment, 0,
                        new AssessmentStarted(assessment, "filler-partner", company, "v1", at))));
            }
        }
    }

    private static void answerEverything(String company, int level) {
        String assessment = DirectCalls.asPartner(assessments, PARTNER)
                .post("/api/v1/companies/{id}/assessments", company).then().statusCode(201).extract().path("id");
        for (Question question : V1.questions()) {
            Object body = question.type() == QuestionType.CHOICE
                    ? Map.of("optionId", question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id())
                    : Map.of("value", question.bands().stream().filter(b -> b.level() == level).map(Band::from)
                    .findFirst().orElse(BigDecimal.ZERO));
            DirectCalls.asPartner(assessments, PARTNER).contentType(ContentType.JSON).body(body)
                    .put("/api/v1/assessments/{a}/answers/{q}", assessment, question.id())
                    .then().statusCode(200);
        }
        DirectCalls.asPartner(assessments, PARTNER)
                .post("/api/v1/assessments/{a}/submit", assessment).then().statusCode(200);
    }
}
