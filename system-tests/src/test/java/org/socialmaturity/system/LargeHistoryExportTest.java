package org.socialmaturity.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.testsupport.PlatformProcesses;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A company with 100,000 answers, each with a 2,000-character note, is exported as CSV, paged and charted by a
 * scoring-service process whose heap (512 MB) is below what its Kubernetes memory limit gives it (768 Mi, 75%): held
 * in memory, its history alone would take about 800 MB. Every entry comes out, in order, and the service stays up.
 */
class LargeHistoryExportTest {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().current();
    private static final String PARTNER = "large-history-partner";
    private static final int ANSWERS = 100_000;
    private static final int ANSWERS_PER_COMMIT = 250;
    private static final int NOTE_LENGTH = 2_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PlatformProcesses platform;
    private static MongoClient mongo;
    private static String scoring;
    private static final String company = UUID.randomUUID().toString();
    private static String lastEventId;

    @BeforeAll
    static void fillTheStoreAndStartScoring() throws Exception {
        platform = PlatformProcesses.onMemoryMongoProcess("6g");
        mongo = MongoClients.create(platform.mongoUri());
        long start = System.nanoTime();
        appendOneCompanyWithLongNotes();
        progress("appended %,d answers in %.1f s", ANSWERS, (System.nanoTime() - start) / 1e9);
        scoring = platform.start("scoring-service", "scoring-service-large", Map.of());
        long started = System.nanoTime();
        await().atMost(Duration.ofMillis(600_000)).untilAsserted(() -> DirectCalls.asPartner(scoring, PARTNER).queryParam("size", 1)
                .get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200).body("total", equalTo(ANSWERS)));
        progress("scoring-service holds them after %.1f s", (System.nanoTime() - started) / 1e9);
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[large history] " + format + "%n", args);
    }

    @AfterAll
    static void stop() {
        mongo.close();
        platform.close();
    }

    @Test
    void everyEntryIsExportedInOrderWithItsNoteWhileTheServiceStaysUp() throws Exception {
        HttpRequest export = HttpRequest.newBuilder(URI.create(scoring + "/api/v1/companies/" + company + "/history"))
                .header("Accept", "text/csv").header("X-Partner-Id", PARTNER)
                .header(DirectCalls.GATEWAY_SECRET_HEADER, PlatformProcesses.GATEWAY_SECRET).GET().build();
        HttpResponse<java.io.InputStream> response = HTTP.send(export, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());

        int rows = 0;
        String last = null;
        long bytes = 0;
        try (BufferedReader csv = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertTrue(csv.readLine().startsWith("at,actor,assessmentId,questionId,previousAnswer,answer,"));
            for (String line = csv.readLine(); line != null; line = csv.readLine()) {
                rows++;
                bytes += line.length();
                assertTrue(line.contains(noteOf(rows - 1)), "row " + rows + " carries its answer's note");
                last = line;
            }
        }

        progress("exported %,d rows, %,d characters", rows, bytes);
        assertEquals(ANSWERS, rows);
        assertTrue(bytes > (long) ANSWERS * NOTE_LENGTH, "every row carries its notes whole");
        assertTrue(last.contains("," + lastEventId + ","), "the last row is the last answer: " + last.substring(0, 120));
        DirectCalls.asPartner(scoring, PARTNER).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theLastPageOfTheHistoryAndTheWholeTrajectoryAreAnsweredToo() {
        DirectCalls.asPartner(scoring, PARTNER).queryParam("page", ANSWERS / 20 - 1).queryParam("size", 20)
                .get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200).body("total", equalTo(ANSWERS)).body("items", hasSize(20))
                .body("items[19].eventId", equalTo(lastEventId))
                .body("items[19].answer.note", equalTo(noteOf(ANSWERS - 1)));
        DirectCalls.asPartner(scoring, PARTNER).get("/api/v1/companies/{id}/trajectory", company)
                .then().statusCode(200).body("points", hasSize(ANSWERS))
                .body("points[" + (ANSWERS - 1) + "].eventId", equalTo(lastEventId));
    }

    /** One company, one assessment, every question answered again and again, each answer with a long note. */
    private static void appendOneCompanyWithLongNotes() {
        DirectAppends store = new DirectAppends(mongo);
        String assessment = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        store.append(List.of(new GenericDomainEventMessage<>("Company", company, 0,
                new CompanyRegistered(company, PARTNER, "Historia larga", "retail", "ES", 500, at))));
        store.append(List.of(new GenericDomainEventMessage<>("Assessment", assessment, 0,
                new AssessmentStarted(assessment, PARTNER, company, V1.version(), at))));
        List<Question> questions = V1.questions();
        Map<String, RawAnswer> previous = new HashMap<>();
        List<GenericDomainEventMessage<AnswerRecorded>> commit = new ArrayList<>();
        for (int n = 0; n < ANSWERS; n++) {
            Question question = questions.get(n % questions.size());
            RawAnswer answer = answerOfLevel(question, 1 + (n / questions.size()) % 4, noteOf(n));
            lastEventId = UUID.randomUUID().toString();
            commit.add(new GenericDomainEventMessage<>("Assessment", assessment, n + 1L,
                    new AnswerRecorded(assessment, PARTNER, company, V1.version(), question.id(), answer,
                            previous.put(question.id(), answer), "auditor@portal.example", at.plusSeconds(n)),
                    Map.of("correlationId", "large-history-" + n, "actor", "auditor@portal.example"), lastEventId,
                    at.plusSeconds(n)));
            if (commit.size() == ANSWERS_PER_COMMIT) {
                store.append(commit);
                commit.clear();
            }
        }
        store.append(commit);
    }

    private static RawAnswer answerOfLevel(Question question, int level, String note) {
        if (question.type() == QuestionType.CHOICE) {
            return new RawAnswer(question.options().stream().filter(o -> o.level() == level).findFirst().orElseThrow()
                    .id(), null, note);
        }
        BigDecimal value = question.bands().stream().filter(b -> b.level() == level).map(Band::from).findFirst()
                .orElseThrow();
        return new RawAnswer(null, value, note);
    }

    /** Distinct per answer, and without commas or quotes, so a CSV row carries it as it is. */
    private static String noteOf(int n) {
        String number = String.format("nota %06d ", n);
        return number + "x".repeat(NOTE_LENGTH - number.length());
    }
}
