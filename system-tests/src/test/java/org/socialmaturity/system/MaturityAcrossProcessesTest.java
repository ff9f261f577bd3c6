package org.socialmaturity.system;

import static org.awaitility.Awaitility.await;

import org.socialmaturity.testsupport.PlatformProcesses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * assessment-service, two scoring-service replicas and recommendation-service as separate processes on one MongoDB. A company goes through
 * three assessments: up to phase 2, up to phase 3, down to phase 2. The replicas share the decision processor's two
 * segments (each read model's slot has one, claimed by one replica at a time).
 */
class MaturityAcrossProcessesTest {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().current();
    private static final String PARTNER = "system-partner";

    private static PlatformProcesses platform;
    private static String assessments;
    private static String scoringA;
    private static String scoringB;
    private static String recommendations;

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = new PlatformProcesses();
        assessments = platform.start("assessment-service", "assessment-service", Map.of());
        Map<String, String> oneSegmentEach = Map.of(
                "PLATFORM_AXON_PROCESSOR_THREADS", "1",
                "PLATFORM_AXON_PROCESSOR_INITIAL_SEGMENTS", "2");
        scoringA = platform.start("scoring-service", "scoring-service-a", oneSegmentEach);
        scoringB = platform.start("scoring-service", "scoring-service-b", oneSegmentEach);
        recommendations = platform.start("recommendation-service", "recommendation-service", Map.of());
    }

    @AfterAll
    static void stopThePlatform() {
        platform.close();
    }

    @Test
    void aCompanyRisesToPhaseThreeAndDropsBackToTwo() throws Exception {
        Set<String> companies = new HashSet<>();
        String company = registerCompany("Aerolíneas del Sur");
        companies.add(company);
        // More companies, until each of the two segments has work: a company's events go to segment
        // (companyId.hashCode() & 1), which is how Axon splits a sequencing key over two segments.
        int[] perSegment = new int[2];
        perSegment[company.hashCode() & 1]++;
        for (int i = 0; perSegment[0] < 2 || perSegment[1] < 2; i++) {
            String other = registerCompany("Other " + i);
            companies.add(other);
            perSegment[other.hashCode() & 1]++;
            answerEverything(startAssessment(other), 1 + i % 4);
        }

        answerEverything(startAssessment(company), 2);
        Instant afterFirst = Instant.now();
        awaitPhase(company, 2);
        answerEverything(startAssessment(company), 3);
        Instant afterSecond = Instant.now();
        awaitPhase(company, 3);
        answerEverything(startAssessment(company), 2);
        awaitPhase(company, 2);
        int answers = V1.questions().size();

        for (String scoring : List.of(scoringA, scoringB)) {
            awaitTransitions(scoring, company, 3);
            partner(scoring).get("/api/v1/companies/{id}/maturity", company)
                    .then().statusCode(200)
                    .body("determinate", equalTo(true))
                    .body("phase", equalTo(2))
                    .body("index", equalTo(33.3f));
            partner(scoring).queryParam("asOf", afterFirst.toString()).get("/api/v1/companies/{id}/maturity", company)
                    .then().body("phase", equalTo(2));
            partner(scoring).queryParam("asOf", afterSecond.toString()).get("/api/v1/companies/{id}/maturity", company)
                    .then().body("phase", equalTo(3)).body("index", equalTo(66.7f));
            partner(scoring).get("/api/v1/companies/{id}/trajectory", company)
                    .then().statusCode(200)
                    .body("points", hasSize(3 * answers))
                    .body("transitions.from", contains(nullValue(), equalTo(2), equalTo(3)))
                    .body("transitions.to", contains(2, 3, 2));
            partner(scoring).get("/api/v1/companies/{id}/history", company)
                    .then().statusCode(200)
                    .body("total", equalTo(3 * answers));
        }
        for (String other : companies) {
            awaitDeterminate(scoringA, other);
        }
        // One piece of advice per phase transition, newest first, and one per quadrant change.
        await().untilAsserted(() -> partner(recommendations).queryParam("size", 100)
                .get("/api/v1/companies/{id}/advice", company)
                .then().statusCode(200)
                .body("items.findAll { it.trigger.type != 'QUADRANT_CHANGED' }.trigger.type",
                        contains("PHASE_DROPPED", "PHASE_ENTERED", "PHASE_ENTERED"))
                .body("items.findAll { it.trigger.type != 'QUADRANT_CHANGED' }.trigger.toPhase", contains(2, 3, 2)));

        // The auditor's view: the dossier from either replica verifies offline, with the key the operator publishes,
        // and the verifier recomputes the maturity the API answers.
        String publicKey = DirectCalls.asOperator(assessments).get("/api/v1/admin/integrity").then().statusCode(200)
                .body("intact", equalTo(true)).extract().path("publicKey");
        Path keyFile = Files.writeString(Files.createTempFile("platform-key", ".txt"), publicKey);
        for (String scoring : List.of(scoringA, scoringB)) {
            await().untilAsserted(() -> assertEquals(3, partner(scoring).get("/api/v1/companies/{id}/dossier", company)
                    .then().statusCode(200).extract().jsonPath()
                    .getList("derived.advice.findAll { it.trigger.type != 'QUADRANT_CHANGED' }").size()));
            Path dossier = Files.createTempFile("dossier", ".json");
            Files.write(dossier, partner(scoring).get("/api/v1/companies/{id}/dossier", company).then()
                    .statusCode(200).extract().asByteArray());
            Process verifier = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("..", "verifier", "target", "verifier.jar").toString(), dossier.toString(),
                    "--public-key", keyFile.toString()).redirectErrorStream(true).start();
            String printed = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, verifier.waitFor(), printed);
            assertTrue(printed.startsWith("OK: dossier of Aerolíneas del Sur"), printed);
            assertTrue(printed.contains("signed by the pinned key"), printed);
            assertTrue(printed.contains("recomputed from " + 3 * answers + " answers: phase 2, quadrant "), printed);
        }

        int claimedByA = claimedSegments(scoringA);
        int claimedByB = claimedSegments(scoringB);
        assertEquals(1, claimedByA, "replica A decides on one segment");
        assertEquals(1, claimedByB, "replica B decides on the other");
        assertTrue(handled(scoringA) > 0 && handled(scoringB) > 0, "both replicas handled events");
    }

    private static String registerCompany(String name) {
        return partner(assessments).contentType(ContentType.JSON)
                .body(Map.of("name", name, "sector", "airlines", "country", "ES", "employees", 300))
                .post("/api/v1/companies").then().statusCode(201).extract().path("id");
    }

    private static String startAssessment(String company) {
        return partner(assessments).post("/api/v1/companies/{id}/assessments", company)
                .then().statusCode(201).extract().path("id");
    }

    private static void answerEverything(String assessment, int level) {
        for (Question question : V1.questions()) {
            Object body = question.type() == QuestionType.CHOICE
                    ? Map.of("optionId", question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id())
                    : Map.of("value", question.bands().stream().filter(b -> b.level() == level).map(Band::from)
                    .findFirst().orElse(BigDecimal.ZERO));
            partner(assessments).contentType(ContentType.JSON).header("X-Actor", "consultant@partner.example")
                    .body(body).put("/api/v1/assessments/{a}/answers/{q}", assessment, question.id())
                    .then().statusCode(200);
        }
        partner(assessments).post("/api/v1/assessments/{a}/submit", assessment).then().statusCode(200);
    }

    private static void awaitPhase(String company, int phase) {
        await().untilAsserted(() -> partner(scoringA).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200).body("phase", equalTo(phase)).body("determinate", equalTo(true)));
    }

    private static void awaitDeterminate(String scoring, String company) {
        await().untilAsserted(() -> partner(scoring).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200).body("determinate", equalTo(true)));
    }

    private static void awaitTransitions(String scoring, String company, int count) {
        await().untilAsserted(() -> partner(scoring).get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200).body("transitions.size()", equalTo(count)));
    }

    private static int claimedSegments(String scoring) {
        String state = given().get(scoring + "/q/health/ready").then().statusCode(200)
                .extract().path("checks.find { it.name == 'event-processors' }.data.maturity-decisions");
        return Integer.parseInt(state.replaceAll(".*, (\\d+) segment\\(s\\) claimed.*", "$1"));
    }

    private static double handled(String scoring) {
        String metrics = given().get(scoring + "/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("platform_processor_events_handled_total{processor=\"maturity-decisions\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static RequestSpecification partner(String baseUrl) {
        return DirectCalls.asPartner(baseUrl, PARTNER);
    }
}
