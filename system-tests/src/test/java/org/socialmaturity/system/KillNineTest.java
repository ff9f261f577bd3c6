package org.socialmaturity.system;

import static org.awaitility.Awaitility.await;

import org.socialmaturity.testsupport.PlatformProcesses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.localmongo.StoredEvents;
import org.socialmaturity.localmongo.StoredEvents.StoredEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * scoring-service and recommendation-service are killed with SIGKILL while answers keep coming, and started again:
 * every phase change is declared once, every change advised once, and the read models are complete.
 */
class KillNineTest {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().current();
    private static final String PARTNER = "kill-nine-partner";
    private static final int COMPANIES = 3;

    private static PlatformProcesses platform;
    private static String assessments;
    private static String scoring;
    private static String recommendations;

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = new PlatformProcesses();
        assessments = platform.start("assessment-service", "assessment-service-k", Map.of());
        scoring = platform.start("scoring-service", "scoring-service-k", Map.of());
        recommendations = platform.start("recommendation-service", "recommendation-service-k", Map.of());
    }

    @AfterAll
    static void stopThePlatform() {
        platform.close();
    }

    @Test
    void killedProcessorsDeclareAndAdviseEveryChangeExactlyOnce() throws Exception {
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < COMPANIES; i++) {
            companies.add(partner(assessments).contentType(ContentType.JSON)
                    .body(Map.of("name", "Killed " + i, "sector", "retail", "country", "ES", "employees", 50))
                    .post("/api/v1/companies").then().statusCode(201).extract().<String>path("id"));
        }
        CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
            for (int level : new int[] {2, 3, 2}) {
                for (String company : companies) {
                    answerEverything(company, level);
                }
            }
        });
        Thread.sleep(1500);
        platform.kill("scoring-service-k");
        Thread.sleep(1000);
        platform.restart("scoring-service-k");
        platform.kill("recommendation-service-k");
        Thread.sleep(500);
        platform.restart("recommendation-service-k");
        Thread.sleep(1000);
        platform.kill("scoring-service-k");
        platform.restart("scoring-service-k");
        answering.get();

        int answers = V1.questions().size() * 3;
        for (String company : companies) {
            await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> partner(scoring).get("/api/v1/companies/{id}/history", company)
                    .then().statusCode(200).body("total", equalTo(answers)));
            await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> partner(scoring).get("/api/v1/companies/{id}/trajectory", company)
                    .then().body("transitions.to", org.hamcrest.Matchers.contains(2, 3, 2)));
        }
        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            await().atMost(Duration.ofMillis(60_000)).untilAsserted(() -> {
                Map<String, Long> changes = countByCompany(mongo, MaturityPhaseChanged.class, QuadrantChanged.class);
                Map<String, Long> advice = countByCompany(mongo, AdviceIssued.class);
                for (String company : companies) {
                    assertEquals(changes.get(company), advice.get(company), "one advice per change of " + company);
                }
            });
            List<StoredEvent> all = new StoredEvents(mongo).all();
            assertEquals(0, duplicates(all, MaturityPhaseChanged.class), "no phase change declared twice");
            assertEquals(0, duplicates(all, QuadrantChanged.class), "no quadrant change declared twice");
            assertEquals(0, duplicates(all, AdviceIssued.class), "no change advised twice");
            for (String company : companies) {
                long phaseChanges = all.stream().filter(e -> e.payloadType().equals(MaturityPhaseChanged.class.getName())
                        && e.payload().contains(company)).count();
                assertEquals(3, phaseChanges, company);
                await().atMost(Duration.ofMillis(30_000)).untilAsserted(() -> partner(recommendations).queryParam("size", 100)
                        .get("/api/v1/companies/{id}/advice", company)
                        .then().statusCode(200)
                        .body("items.findAll { it.trigger.type != 'QUADRANT_CHANGED' }.size()", equalTo(3)));
            }
        }
    }

    private static Map<String, Long> countByCompany(MongoClient mongo, Class<?>... types) {
        List<String> names = java.util.Arrays.stream(types).map(Class::getName).toList();
        Map<String, Long> counts = new HashMap<>();
        for (StoredEvent event : new StoredEvents(mongo).all()) {
            if (names.contains(event.payloadType())) {
                counts.merge(field(event, "companyId"), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Events of a type that share their cause with another one. */
    private static long duplicates(List<StoredEvent> events, Class<?> type) {
        Map<String, Long> byCause = events.stream().filter(e -> e.payloadType().equals(type.getName()))
                .collect(Collectors.groupingBy(e -> field(e, "causeEventId"), Collectors.counting()));
        return byCause.values().stream().filter(n -> n > 1).count();
    }

    private static String field(StoredEvent event, String name) {
        try {
            JsonNode payload = new ObjectMapper().readTree(event.payload());
            return payload.get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answerEverything(String company, int level) {
        String assessment = partner(assessments).post("/api/v1/companies/{id}/assessments", company)
                .then().statusCode(201).extract().path("id");
        for (Question question : V1.questions()) {
            Object body = question.type() == QuestionType.CHOICE
                    ? Map.of("optionId", question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id())
                    : Map.of("value", question.bands().stream().filter(b -> b.level() == level).map(Band::from)
                    .findFirst().orElse(BigDecimal.ZERO));
            partner(assessments).contentType(ContentType.JSON).body(body)
                    .put("/api/v1/assessments/{a}/answers/{q}", assessment, question.id())
                    .then().statusCode(200);
        }
        partner(assessments).post("/api/v1/assessments/{a}/submit", assessment).then().statusCode(200);
    }

    private static RequestSpecification partner(String baseUrl) {
        return DirectCalls.asPartner(baseUrl, PARTNER);
    }
}
