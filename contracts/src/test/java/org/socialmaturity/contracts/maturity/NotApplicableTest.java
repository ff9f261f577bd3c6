package org.socialmaturity.contracts.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.maturity.AnswerState.Held;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;

/**
 * Not-applicable answers under the shipped v2, by hand: every required question of seven dimensions at level 3, KPIS and
 * RESPONSIVENESS at 2, the private-message resolution question and both SOCIAL_CRM questions not applicable.
 */
class NotApplicableTest {

    private static final QuestionnairePublication V2 = QuestionnairePublication.exampleV2();
    private static final Questionnaire Q = V2.questionnaire();
    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load()
            .with(new QuestionnairePublished(Q, V2.mapping(), Instant.parse("2026-11-27T10:00:00Z")));
    private static final Set<String> NOT_APPLICABLE = Set.of("responsiveness-resolution-private", "crm-handle-linking",
            "crm-data-use");

    private static AnswerState state(boolean crmAtLevelOne) {
        AnswerState state = new AnswerState();
        for (Question question : Q.requiredQuestions()) {
            RawAnswer answer;
            if (NOT_APPLICABLE.contains(question.id()) && !(crmAtLevelOne && question.dimension().equals("SOCIAL_CRM"))) {
                answer = RawAnswer.notApplicable("no CRM, no private messages");
            } else {
                int level = question.dimension().equals("SOCIAL_CRM") ? 1
                        : List.of("KPIS", "RESPONSIVENESS").contains(question.dimension()) ? 2 : 3;
                answer = answerOfLevel(question, level);
            }
            state.record(Held.of("v2", question.id(), answer, question.levelOf(answer)));
        }
        return state;
    }

    @Test
    void aQuestionThatDoesNotApplyLeavesItsMeanAndADimensionThatDoesNotApplyLeavesTheWeights() {
        Maturity maturity = MaturityRules.score(Q, state(false).levelsUnder(Q, CATALOGUE));

        // Responsiveness: (2+2+2+2)/4 = 2, the private half left out. SOCIAL_CRM out: nine dimensions of weight 1,
        // seven at 3 and two at 2: index (7 x 2 + 2 x 1) / 9 x 100/3 = 59.26; 7/9 = 77.8% of the weight at 3: phase 3.
        assertEquals(1600.0 / 27, maturity.index(), 1e-9);
        assertEquals(3, maturity.phase());
        assertTrue(maturity.determinate(), "a required question answered as not applicable is answered");
        assertEquals(2.0, maturity.dimensions().stream().filter(d -> d.id().equals("RESPONSIVENESS")).findFirst()
                .orElseThrow().score());
        assertEquals(List.of("SOCIAL_CRM"), maturity.excludedDimensions());
        assertEquals(List.of("responsiveness-resolution-private", "crm-handle-linking", "crm-data-use"),
                maturity.notApplicable());
        assertEquals(Q.requiredQuestions().size(), maturity.answered());
        assertFalse(maturity.holdingBack().contains("SOCIAL_CRM"));
        assertNull(maturity.dimensions().stream().filter(d -> d.id().equals("SOCIAL_CRM")).findFirst().orElseThrow()
                .score());

        // The same company answering SOCIAL_CRM at level 1 instead: ten dimensions, (16 + 0) / 10 x 100/3 = 53.3 and
        // 7/10 = 70% at 3: phase 2.
        Maturity answered = MaturityRules.score(Q, state(true).levelsUnder(Q, CATALOGUE));
        assertEquals(160.0 / 3, answered.index(), 1e-9);
        assertEquals(2, answered.phase());
        assertEquals(List.of(), answered.excludedDimensions());
    }

    @Test
    void onlyAQuestionOptionalInScopeMayNotApplyAndALaterAnswerReplacesIt() {
        Question governance = Q.question("governance-owner").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> governance.levelOf(RawAnswer.notApplicable("why")));

        AnswerState state = state(false);
        Question linking = Q.question("crm-handle-linking").orElseThrow();
        state.record(Held.of("v2", linking.id(), RawAnswer.choice("linked"), 3));
        Maturity maturity = MaturityRules.score(Q, state.levelsUnder(Q, CATALOGUE));
        assertEquals(List.of("responsiveness-resolution-private", "crm-data-use"), maturity.notApplicable());
        assertEquals(List.of(), maturity.excludedDimensions(), "one SOCIAL_CRM question applies again");
        assertEquals(3.0, maturity.dimensions().stream().filter(d -> d.id().equals("SOCIAL_CRM")).findFirst()
                .orElseThrow().score());
    }

    private static RawAnswer answerOfLevel(Question question, int level) {
        if (question.type() == QuestionType.CHOICE) {
            return RawAnswer.choice(question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id());
        }
        return RawAnswer.number(question.bands().stream().filter(b -> b.level() == level).findFirst().orElseThrow()
                .from());
    }
}
