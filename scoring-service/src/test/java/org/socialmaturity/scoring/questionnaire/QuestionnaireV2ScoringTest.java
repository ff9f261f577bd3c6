package org.socialmaturity.scoring.questionnaire;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.testsupport.LocalMongoTestResource;
import org.socialmaturity.scoring.EventScenario;
import org.socialmaturity.verifier.Verifier;
import org.socialmaturity.verifier.Verifier.Verdict;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Scoring with the shipped v2 published, through the API, against hand computations. In an application and a MongoDB of
 * its own: a published version is platform-wide.
 */
@QuarkusTest
@TestProfile(QuestionnaireV2ScoringTest.OwnPlatform.class)
@WithTestResource(value = LocalMongoTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QuestionnaireV2ScoringTest {

    private static final QuestionnairePublication V2 = QuestionnairePublication.exampleV2();

    @Inject
    EventStore store;

    private static final AtomicBoolean PUBLISHED = new AtomicBoolean();

    /** Published once for the application, whichever test comes first. */
    private void publishV2() {
        if (PUBLISHED.compareAndSet(false, true)) {
            EventScenario.publish(store, V2, 0);
        }
    }

    /**
     * A company answers v1, then v2 is published (its mapping carries v1's answers), the company goes on in v2 and
     * then once more in its open v1 assessment: every required v1 question at level 2 but the resolution one at 4.
     */
    @Test
    void theTrajectoryStaysContinuousAcrossVersionsAndSaysWhatItCouldNotCarry() throws Exception {
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Versionada SA");
        String onV1 = scenario.startAssessment(company);
        List<Question> required = EventScenario.V1.requiredQuestions();
        for (Question question : required) {
            scenario.answer(company, onV1, question.id(), EventScenario.answerOfLevel(question,
                    question.id().equals("responsiveness-resolution") ? 4 : 2));
        }
        int v1Answers = required.size();
        // Responsiveness (2+2+2+4)/4 = 2.5, nine dimensions at 2: (9 x 1 + 1.5) / 10 x 100/3 = 35.0.
        awaitPoints(scenario.partnerId, company, v1Answers).body("points[-1].index", equalTo(35.0f))
                .body("points[-1].questionnaireVersion", equalTo("v1"));

        publishV2();
        // v2 published: the company, which answers v1 only, keeps scoring under v1 (adoption (2+2)/2: still 35.0).
        scenario.answer(company, onV1, "adoption-executives", RawAnswer.choice("occasionally"));
        awaitPoints(scenario.partnerId, company, ++v1Answers).body("points[-1].questionnaireVersion", equalTo("v1"))
                .body("points[-1].index", equalTo(35.0f));
        String onV2 = scenario.startAssessment(company, "v2");
        scenario.answer(company, onV2, "responsiveness-private-resolution-hours", RawAnswer.number(BigDecimal.valueOf(6)));
        // v2 carries every v1 answer (the resolution one into both halves) and adds the new one, at level 3:
        // responsiveness (2+2+2+4+4+3)/6 = 17/6, index (9 + 11/6) / 10 x 100/3 = 36.1; still determinate, phase 2.
        awaitPoints(scenario.partnerId, company, v1Answers + 1)
                .body("points[-1].questionnaireVersion", equalTo("v2"))
                .body("points[-1].index", equalTo(36.1f))
                .body("points[-1].determinate", equalTo(true))
                .body("points[-1].phase", equalTo(2))
                .body("points[-1].notCarried", equalTo(List.of()))
                .body("transitions.to", contains(2));

        // The open v1 assessment answered again: carried into v2, the newest version the company answers.
        scenario.answer(company, onV1, "responsiveness-resolution", RawAnswer.choice("redirect"));
        // Responsiveness (2+2+2+1+1+3)/6 = 11/6: (9 + 5/6) / 10 x 100/3 = 32.8.
        awaitPoints(scenario.partnerId, company, v1Answers + 2)
                .body("points[-1].questionnaireVersion", equalTo("v2"))
                .body("points[-1].index", equalTo(32.8f))
                .body("points[-1].notCarried", equalTo(List.of()));

        // And in v2 again: its own answer counts as given, the private half comes from v1's latest ("redirect", 1):
        // responsiveness (2+2+2+3+1+3)/6 = 13/6, index (9 + 7/6) / 10 x 100/3 = 33.9.
        scenario.answer(company, onV2, "responsiveness-resolution-public", RawAnswer.choice("most-cases"));
        awaitPoints(scenario.partnerId, company, v1Answers + 3)
                .body("points[-1].questionnaireVersion", equalTo("v2"))
                .body("points[-1].index", equalTo(33.9f));
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200).body("questionnaireVersion", equalTo("v2")).body("index", equalTo(33.9f));

        // v3, published without a mapping: answered, it starts the company afresh and names every earlier answer.
        Questionnaire v2 = V2.questionnaire();
        EventScenario.publish(store, new QuestionnairePublication(new Questionnaire("v3", v2.phaseShare(),
                v2.quadrantThreshold(), v2.phases(), v2.dimensions(), v2.questions()), null), 1);
        String onV3 = scenario.startAssessment(company, "v3");
        scenario.answer(company, onV3, "governance-owner", RawAnswer.choice("director"));
        awaitPoints(scenario.partnerId, company, v1Answers + 4)
                .body("points[-1].questionnaireVersion", equalTo("v3"))
                .body("points[-1].determinate", equalTo(false))
                .body("points[-1].notCarried.size()", equalTo(v1Answers + 2))
                .body("points[-1].notCarried", org.hamcrest.Matchers.hasItems("v1/governance-owner",
                        "v2/responsiveness-resolution-public"));

        byte[] dossier = given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/dossier", company).then().statusCode(200).extract().asByteArray();
        Verdict verdict = Verifier.verify(dossier, null);
        assertTrue(verdict.ok(), String.valueOf(verdict.problems()));
        assertEquals("v3", verdict.recomputed().questionnaireVersion());
        Dossier read = new ObjectMapper().readValue(dossier, Dossier.class);
        assertEquals(2, read.commits().stream().filter(c -> c.events().stream()
                .anyMatch(e -> e.payloadType().endsWith("QuestionnairePublished"))).count(),
                "the dossier publishes v2 and v3");
        assertEquals(v1Answers + 2, read.derived().trajectory().get(v1Answers + 3).notCarried().size(),
                "every earlier answer, the optional v1 one included");
    }

    /**
     * In v2: every required question of seven dimensions at level 3, KPIS and RESPONSIVENESS at 2, the private-message
     * resolution question and both SOCIAL_CRM questions not applicable.
     */
    @Test
    void notApplicableAnswersLeaveTheMeansAndAWholeDimensionLeavesTheWeights() throws Exception {
        publishV2();
        EventScenario scenario = new EventScenario(store);
        String company = scenario.registerCompany("Sin CRM SA");
        String onV2 = scenario.startAssessment(company, "v2");
        List<String> notApplicable = List.of("responsiveness-resolution-private", "crm-handle-linking",
                "crm-data-use");
        List<Question> required = V2.questionnaire().requiredQuestions();
        for (Question question : required) {
            scenario.answer(company, onV2, question.id(), notApplicable.contains(question.id())
                    ? RawAnswer.notApplicable("Sin CRM ni mensajes privados")
                    : EventScenario.answerOfLevel(question,
                    List.of("KPIS", "RESPONSIVENESS").contains(question.dimension()) ? 2 : 3));
        }
        awaitPoints(scenario.partnerId, company, required.size());
        // Responsiveness (2+2+2+2)/4 = 2; SOCIAL_CRM out, nine dimensions: (7 x 2 + 2 x 1) / 9 x 100/3 = 59.3, and
        // 7/9 = 77.8% of the weight at 3: phase 3 (with SOCIAL_CRM at level 1 it would be 53.3 and phase 2).
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/maturity", company)
                .then().statusCode(200)
                .body("index", equalTo(59.3f))
                .body("phase", equalTo(3))
                .body("determinate", equalTo(true))
                .body("answered", equalTo(required.size()))
                .body("notApplicable", equalTo(notApplicable))
                .body("excludedDimensions", equalTo(List.of("SOCIAL_CRM")))
                .body("dimensions.find { it.id == 'SOCIAL_CRM' }.score", org.hamcrest.Matchers.nullValue())
                .body("dimensions.find { it.id == 'RESPONSIVENESS' }.score", equalTo(2.0f));
        given().header("X-Partner-Id", scenario.partnerId).get("/api/v1/companies/{id}/history", company)
                .then().statusCode(200)
                .body("items.find { it.questionId == 'crm-data-use' }.level", org.hamcrest.Matchers.nullValue())
                .body("items.find { it.questionId == 'crm-data-use' }.answer.notApplicable", equalTo(true))
                .body("items.find { it.questionId == 'crm-data-use' }.answer.reason",
                        equalTo("Sin CRM ni mensajes privados"));
        String csv = given().header("X-Partner-Id", scenario.partnerId).accept("text/csv")
                .get("/api/v1/companies/{id}/history", company).then().statusCode(200).extract().asString();
        assertTrue(csv.contains("not applicable (Sin CRM ni mensajes privados)"), csv);
        byte[] dossier = given().header("X-Partner-Id", scenario.partnerId)
                .get("/api/v1/companies/{id}/dossier", company).then().statusCode(200).extract().asByteArray();
        Verdict verdict = Verifier.verify(dossier, null);
        assertTrue(verdict.ok(), String.valueOf(verdict.problems()));
        assertEquals(59.3, verdict.recomputed().index());
        assertEquals(3, verdict.recomputed().phase());
    }

    private static io.restassured.response.ValidatableResponse awaitPoints(String partner, String company,
                                                                           int points) {
        await().untilAsserted(() -> given().header("X-Partner-Id", partner)
                .get("/api/v1/companies/{id}/trajectory", company).then().statusCode(200)
                .body("points.size()", equalTo(points)));
        return given().header("X-Partner-Id", partner).get("/api/v1/companies/{id}/trajectory", company).then();
    }

    public static class OwnPlatform implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.questionnaires.freshness", "1s");
        }
    }
}
