package org.socialmaturity.assessments.assessment;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialmaturity.assessments.PartnerApi;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.testsupport.LocalMongoTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AssessmentApiTest {

    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load();

    private final PartnerApi partner = PartnerApi.newPartner();
    private String companyId;
    private String assessmentId;

    @BeforeEach
    void startAnAssessment() {
        companyId = partner.registerCompany("Assessed SA");
        assessmentId = partner.startAssessment(companyId);
    }

    @Test
    void aNewAssessmentPinsTheCurrentQuestionnaireAndMissesEveryRequiredQuestion() {
        int required = CATALOGUE.current().requiredQuestions().size();
        partner.request().get("/api/v1/assessments/{id}", assessmentId)
                .then().statusCode(200)
                .body("id", equalTo(assessmentId))
                .body("companyId", equalTo(companyId))
                .body("questionnaireVersion", equalTo("v1"))
                .body("status", equalTo("OPEN"))
                .body("answers", hasSize(0))
                .body("answered", equalTo(0))
                .body("required", equalTo(required))
                .body("missing", hasSize(required));
    }

    @Test
    void startingOnAnUnknownOrForeignCompanyIsNotFound() {
        partner.request().post("/api/v1/companies/{id}/assessments", "no-such-company")
                .then().statusCode(404).contentType("application/problem+json");
        PartnerApi.newPartner().request().post("/api/v1/companies/{id}/assessments", companyId)
                .then().statusCode(404);
    }

    @Test
    void recordsAChoiceAndANumberWithTheirLevelsAndWhoGaveThem() {
        partner.request().header("X-Actor", "maria@portal.example")
                .body(Map.of("optionId", "director")).put("/api/v1/assessments/{a}/answers/governance-owner", assessmentId)
                .then().statusCode(200)
                .body("questionId", equalTo("governance-owner"))
                .body("optionId", equalTo("director"))
                .body("level", equalTo(3))
                .body("recordedBy", equalTo("maria@portal.example"))
                .body("recordedAt", notNullValue())
                .body("changed", equalTo(true));
        partner.answer(assessmentId, "responsiveness-share-answered", Map.of("value", 80, "note", "from the CRM"))
                .then().statusCode(200)
                .body("value", equalTo(80))
                .body("note", equalTo("from the CRM"))
                .body("level", equalTo(3))
                .body("recordedBy", equalTo("partner:" + partner.partnerId()));

        partner.request().get("/api/v1/assessments/{id}", assessmentId)
                .then().statusCode(200)
                .body("answered", equalTo(2))
                .body("answers.questionId", contains("governance-owner", "responsiveness-share-answered"))
                .body("answers.changed", contains(nullValue(), nullValue()))
                .body("missing", not(hasItem("governance-owner")));
    }

    @Test
    void bandsMapNumbersFromInclusiveToExclusive() {
        partner.answer(assessmentId, "responsiveness-first-response-minutes", Map.of("value", 59.9))
                .then().statusCode(200).body("level", equalTo(4));
        partner.answer(assessmentId, "responsiveness-first-response-minutes", Map.of("value", 60))
                .then().statusCode(200).body("level", equalTo(3));
        partner.answer(assessmentId, "responsiveness-first-response-minutes", Map.of("value", 10080))
                .then().statusCode(200).body("level", equalTo(1));
    }

    @Test
    void theSameAnswerTwiceChangesNothingAndADifferentOneChangesIt() {
        partner.answer(assessmentId, "team-dedicated-staff", Map.of("value", 2)).then().body("changed", equalTo(true));
        partner.answer(assessmentId, "team-dedicated-staff", Map.of("value", 2.00)).then().statusCode(200)
                .body("changed", equalTo(false));
        partner.answer(assessmentId, "team-dedicated-staff", Map.of("value", 6)).then().statusCode(200)
                .body("changed", equalTo(true))
                .body("level", equalTo(4));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "no-such-question     | {\"optionId\":\"director\"}          | questionId | is not a question of questionnaire v1",
            "governance-owner     | {\"optionId\":\"ceo\"}               | optionId   | must be one of [junior-marketer, social-media-manager, director, executive]",
            "governance-owner     | {\"optionId\":5}                     | optionId   | must be a string",
            "governance-owner     | {\"value\":3}                        | value      | must be absent: governance-owner is a CHOICE question, send optionId",
            "team-dedicated-staff | {\"value\":\"three\"}                | value      | must be a number",
            "team-dedicated-staff | {\"value\":\"3\"}                    | value      | must be a number",
            "team-dedicated-staff | {\"value\":-0.5}                     | value      | must be between 0 and 10000",
            "team-dedicated-staff | {\"value\":10001}                    | value      | must be between 0 and 10000",
            "team-dedicated-staff | {\"value\":1e309}                    | value      | must be a finite number (at most 1.7976931348623157E308 in size)",
            "team-dedicated-staff | {\"value\":-1e309}                   | value      | must be a finite number (at most 1.7976931348623157E308 in size)",
            "team-dedicated-staff | {\"value\":1e308}                    | value      | must be between 0 and 10000",
            "team-dedicated-staff | {\"value\":NaN}                      | body       | must be well-formed JSON",
            "team-dedicated-staff | {\"optionId\":\"director\"}          | optionId   | must be absent: team-dedicated-staff is a NUMBER question, send value",
            "team-dedicated-staff | {}                                   | body       | must hold optionId (CHOICE question) or value (NUMBER question), or notApplicable with a reason",
            "team-dedicated-staff | {\"value\":3,\"colour\":\"red\"}     | colour     | is not a field of an answer (optionId, value, note, evidence, notApplicable, reason)",
            "governance-owner     | {\"notApplicable\":true,\"reason\":\"x\"} | notApplicable | governance-owner is not optional in scope: it applies to every company",
            "team-dedicated-staff | {\"value\":3,\"note\":false}         | note       | must be a string",
            "team-dedicated-staff | {\"value\":                          | body       | must be well-formed JSON",
            "team-dedicated-staff | [3]                                  | body       | must be a JSON object",
    })
    void refusesAnInvalidAnswerNamingTheFieldAndTheRule(String questionId, String body, String field, String message) {
        partner.request().body(body.strip()).put("/api/v1/assessments/{a}/answers/{q}", assessmentId, questionId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("violations", hasItem(Map.of("field", field, "message", message)));
        partner.request().get("/api/v1/assessments/{id}", assessmentId).then().body("answered", equalTo(0));
    }

    @Test
    void anAnswerWithoutBodyIsRefused() {
        partner.request().put("/api/v1/assessments/{a}/answers/governance-owner", assessmentId)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void submittingAnIncompleteAssessmentListsTheMissingQuestions() {
        answerEveryRequiredQuestionBut("kpis-measurement", "crm-data-use");

        partner.request().post("/api/v1/assessments/{a}/submit", assessmentId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/assessment-incomplete"))
                .body("missing", contains("kpis-measurement", "crm-data-use"));
        partner.request().get("/api/v1/assessments/{id}", assessmentId).then().body("status", equalTo("OPEN"));
    }

    @Test
    void aCompleteAssessmentIsSubmittedAndThenRefusesAnswers() {
        answerEveryRequiredQuestionBut();

        partner.request().post("/api/v1/assessments/{a}/submit", assessmentId)
                .then().statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("closedAt", notNullValue())
                .body("missing", hasSize(0));
        partner.answer(assessmentId, "governance-owner", Map.of("optionId", "executive"))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/assessment-closed"));
        partner.request().post("/api/v1/assessments/{a}/submit", assessmentId).then().statusCode(409);
        partner.request().post("/api/v1/assessments/{a}/cancel", assessmentId).then().statusCode(409);
    }

    @Test
    void aCancelledAssessmentKeepsItsAnswersAndRefusesMore() {
        partner.answer(assessmentId, "governance-owner", Map.of("optionId", "director")).then().statusCode(200);

        partner.request().body(Map.of("reason", "started by mistake"))
                .post("/api/v1/assessments/{a}/cancel", assessmentId)
                .then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("answers.questionId", contains("governance-owner"));
        partner.answer(assessmentId, "governance-owner", Map.of("optionId", "executive")).then().statusCode(409);
        partner.request().post("/api/v1/assessments/{a}/submit", assessmentId).then().statusCode(409);
    }

    @Test
    void startSubmitAndCancelNeedNoBodyNorContentType() {
        io.restassured.RestAssured.given().header("X-Partner-Id", partner.partnerId())
                .post("/api/v1/companies/{id}/assessments", companyId).then().statusCode(201);
        io.restassured.RestAssured.given().header("X-Partner-Id", partner.partnerId())
                .post("/api/v1/assessments/{a}/submit", assessmentId).then().statusCode(409);
        io.restassured.RestAssured.given().header("X-Partner-Id", partner.partnerId())
                .post("/api/v1/assessments/{a}/cancel", assessmentId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void aCancellationReasonMustBeAShortString() {
        partner.request().body(Map.of("reason", 12)).post("/api/v1/assessments/{a}/cancel", assessmentId)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("reason"));
    }

    @Test
    void anotherPartnerCanNeitherSeeNorTouchTheAssessment() {
        PartnerApi stranger = PartnerApi.newPartner();
        stranger.request().get("/api/v1/assessments/{id}", assessmentId).then().statusCode(404);
        stranger.answer(assessmentId, "governance-owner", Map.of("optionId", "director")).then().statusCode(404);
        stranger.request().post("/api/v1/assessments/{a}/submit", assessmentId).then().statusCode(404);
        stranger.request().post("/api/v1/assessments/{a}/cancel", assessmentId).then().statusCode(404);
        partner.request().get("/api/v1/assessments/{id}", assessmentId)
                .then().body("status", equalTo("OPEN")).body("answered", equalTo(0));
    }

    @Test
    void anUnknownAssessmentIsNotFound() {
        partner.request().get("/api/v1/assessments/{id}", "no-such-assessment")
                .then().statusCode(404).body("detail", equalTo("No assessment no-such-assessment"));
        partner.answer("no-such-assessment", "governance-owner", Map.of("optionId", "director"))
                .then().statusCode(404).contentType("application/problem+json");
        partner.request().post("/api/v1/assessments/{a}/submit", "no-such-assessment").then().statusCode(404);
    }

    @Test
    void aStartedAssessmentIsFoundAtItsLocation() {
        String location = partner.request().post("/api/v1/companies/{id}/assessments", companyId)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/assessments/[0-9a-f-]{36}"))
                .body("status", equalTo("OPEN"))
                .extract().header("Location");
        partner.request().get(location.substring(location.indexOf("/api/v1"))).then().statusCode(200);
    }

    private void answerEveryRequiredQuestionBut(String... skipped) {
        List<String> skip = List.of(skipped);
        for (Question question : CATALOGUE.current().requiredQuestions()) {
            if (skip.contains(question.id())) {
                continue;
            }
            Object body = question.type() == QuestionType.CHOICE
                    ? Map.of("optionId", question.options().get(1).id())
                    : Map.of("value", question.bands().get(1).from());
            partner.answer(assessmentId, question.id(), body).then().statusCode(200);
        }
    }
}
