package org.socialmaturity.assessments.imports;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.assessments.assessment.ImportAssessment;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Past assessments imported through the API: refused whole with a report, then accepted, idempotent, in order. */
@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ImportApiTest {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().version("v1").orElseThrow();

    @Inject
    EventStore store;

    @Inject
    ImportJobRepository jobs;

    @Inject
    CommandGateway commands;

    @Test
    void aBatchWithBadPartsIsRefusedWholeThenAcceptedOnceAndRecordedDatedInThePast() {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Histórica SA");
        String key = "migration-" + UUID.randomUUID();

        Map<String, Object> bad = Map.of("assessments", List.of(
                past(company, "2024-01-15", 2),
                Map.of("companyId", "not-a-company", "date", "2999-01-01", "answers",
                        Map.of("governance-owner", Map.of("optionId", "nobody"), "no-such-question",
                                Map.of("optionId", "x"))),
                Map.of("companyId", company, "date", "15/01/2024", "answers", Map.of("team-training",
                        Map.of("optionId", "programme", "evidence", List.of(Map.of("attachment", Map.of("name",
                                "a.pdf", "mediaType", "application/pdf", "content", "JVBERi0=")))))),
                past(company, "2024-01-15", 3)));
        post(partner, key, bad).then().statusCode(400).contentType("application/problem+json")
                .body("badParts", equalTo(7))
                .body("violations.field", hasItems("assessments[1].companyId", "assessments[1].date",
                        "assessments[1].answers.governance-owner.optionId",
                        "assessments[1].answers.no-such-question.questionId", "assessments[2].date",
                        "assessments[2].answers.team-training.evidence", "assessments[3].date"));

        Map<String, Object> good = Map.of("assessments", List.of(past(company, "2025-06-30", 3),
                past(company, "2024-01-15", 2)));
        String location = post(partner, key, good).then().statusCode(202)
                .body("status", equalTo("RUNNING")).body("total", equalTo(2))
                .extract().header("Location");
        String importId = location.substring(location.lastIndexOf('/') + 1);
        await().untilAsserted(() -> partner.request().get(location).then().statusCode(200)
                .body("status", equalTo("DONE")).body("done", equalTo(2)).body("assessmentIds", hasSize(2)));
        List<String> assessments = partner.request().get(location).then().extract().path("assessmentIds");

        // Oldest first, dated when it was made, submitted because complete.
        partner.request().get("/api/v1/assessments/{id}", assessments.get(0)).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("startedAt", equalTo("2024-01-15T00:00:00Z"))
                .body("answers[0].recordedAt", startsWith("2024-01-15T00:00:00.001"))
                .body("answers[0].recordedBy", equalTo("ana@cliente.example"))
                .body("answers.level", everyItem(equalTo(2)));
        partner.request().get("/api/v1/assessments/{id}", assessments.get(1)).then()
                .body("startedAt", equalTo("2025-06-30T00:00:00Z")).body("answers.level", everyItem(equalTo(3)));

        // The same import again: answered as made, nothing recorded twice; the same key with another body: refused.
        post(partner, key, good).then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("importId", equalTo(importId)).body("status", equalTo("DONE"));
        assertEquals(2L * V1.requiredQuestions().size(), importedAnswers(importId, assessments));
        post(partner, key, Map.of("assessments", List.of(past(company, "2025-07-01", 1)))).then().statusCode(422);

        // Its history is in: an assessment dated before its latest answer is refused, naming that answer.
        await().untilAsserted(() -> post(partner, "late-" + UUID.randomUUID(), Map.of("assessments",
                List.of(past(company, "2025-01-01", 1)))).then().statusCode(400)
                .body("violations[0].field", equalTo("assessments[0].date"))
                .body("violations[0].message", startsWith("must be after the company's latest answer (2025-06-30T")));
        PartnerApi.newPartner().request().get(location).then().statusCode(404);
    }

    @Test
    void aCsvBatchNamesItsBadRowsAsASpreadsheetNumbersThem() {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Hoja de cálculo SA");
        String key = "csv-" + UUID.randomUUID();
        String header = "companyId,date,answeredBy,questionId,optionId,value,notApplicable,reason\n";
        String rows = company + ",2023-03-01,luis@cliente.example,governance-owner,director,,,\n"
                + company + ",2023-03-01,luis@cliente.example,team-dedicated-staff,,many,,\n"
                + company + ",2023-03-01,luis@cliente.example,crm-data-use,,,true,No CRM\n";
        csv(partner, key, header + rows).then().statusCode(400)
                .body("violations.field", equalTo(List.of("rows[3].value", "rows[4].notApplicable")));

        String fixed = company + ",2023-03-01,luis@cliente.example,governance-owner,director,,,\n"
                + company + ",2023-03-01,luis@cliente.example,team-dedicated-staff,,2.5,,\n";
        String location = csv(partner, key, header + fixed).then().statusCode(202).extract().header("Location");
        await().untilAsserted(() -> partner.request().get(location).then().body("status", equalTo("DONE")));
        String assessment = partner.request().get(location).then().extract().path("assessmentIds[0]");
        partner.request().get("/api/v1/assessments/{id}", assessment).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("answers.questionId", equalTo(List.of("governance-owner", "team-dedicated-staff")))
                .body("missing", hasItem("working-group"));
        csv(partner, "csv-" + UUID.randomUUID(), "colour\nred\n").then().statusCode(400)
                .body("violations[0].field", equalTo("header"));
    }

    /**
     * A replica recorded the first past assessment of an import and died before counting it, holding the lease: the
     * sweep takes the import over once the lease runs out and records the rest, the first one not twice.
     */
    @Test
    void anImportLeftHalfWayByAReplicaThatDiedIsFinishedByTheSweepWithNothingTwice() {
        PartnerApi partner = PartnerApi.newPartner();
        String company = partner.registerCompany("Interrumpida SA");
        String importId = "died-" + UUID.randomUUID();
        List<ImportJobRepository.Item> items = List.of(item(importId, 0, company, "2022-01-10T09:00:00Z"),
                item(importId, 1, company, "2022-06-10T09:00:00Z"));
        java.time.Instant now = java.time.Instant.now();
        assertEquals(true, jobs.create(importId, partner.partnerId(), "hash", "partner:" + partner.partnerId(), items,
                now.plusSeconds(2)));
        ImportJobRepository.Item first = items.get(0);
        commands.sendAndWait(new ImportAssessment(first.assessmentId(), partner.partnerId(), company, "v1", first.at(),
                "partner:" + partner.partnerId(), first.answers().stream().map(a -> new ImportAssessment.Answer(
                        a.questionId(), a.answer())).toList(), importId));

        await().untilAsserted(() -> partner.request().get("/api/v1/imports/{id}", importId).then().statusCode(200)
                .body("status", equalTo("DONE")).body("done", equalTo(2)));
        assertEquals(2L * V1.requiredQuestions().size(), importedAnswers(importId,
                items.stream().map(ImportJobRepository.Item::assessmentId).toList()), "the first one recorded once");
    }

    private static ImportJobRepository.Item item(String importId, int index, String company, String at) {
        List<ImportValidation.ValidAnswer> answers = V1.requiredQuestions().stream().map(q ->
                new ImportValidation.ValidAnswer(q.id(), q.type() == QuestionType.CHOICE
                        ? RawAnswer.choice(q.options().get(1).id()) : RawAnswer.number(q.bands().get(1).from())))
                .toList();
        return new ImportJobRepository.Item(UUID.nameUUIDFromBytes((importId + "/" + index).getBytes()).toString(), company,
                java.time.Instant.parse(at), "v1", "partner:p", answers);
    }

    private long importedAnswers(String importId, List<String> assessments) {
        return assessments.stream().flatMap(id -> store.readEvents(id).asStream())
                .filter(e -> e.getPayload() instanceof AnswerRecorded answer && importId.equals(answer.importId()))
                .count();
    }

    private static Response post(PartnerApi partner, String key, Object body) {
        return partner.request().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/imports");
    }

    private static Response csv(PartnerApi partner, String key, String body) {
        return partner.request().header("Idempotency-Key", key).contentType("text/csv").body(body)
                .post("/api/v1/imports");
    }

    /** Every required question of v1 at {@code level}, answered by Ana. */
    private static Map<String, Object> past(String company, String date, int level) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : V1.requiredQuestions()) {
            answers.put(question.id(), question.type() == QuestionType.CHOICE
                    ? Map.of("optionId", question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id())
                    : Map.of("value", question.bands().stream().filter(b -> b.level() == level).findFirst()
                    .orElseThrow().from()));
        }
        return Map.of("companyId", company, "date", date, "answeredBy", "ana@cliente.example", "answers", answers);
    }
}
