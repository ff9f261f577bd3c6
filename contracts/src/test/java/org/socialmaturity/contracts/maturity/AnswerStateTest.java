package org.socialmaturity.contracts.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.maturity.AnswerState.Held;
import org.socialmaturity.contracts.maturity.AnswerState.Levels;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublication;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;

class AnswerStateTest {

    private static final QuestionnairePublication V2 = QuestionnairePublication.exampleV2();
    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load()
            .with(new QuestionnairePublished(V2.questionnaire(), V2.mapping(), Instant.parse("2026-11-27T10:00:00Z")));
    private static final Questionnaire V1 = CATALOGUE.version("v1").orElseThrow();

    /** Every required question of v1 at level 2, but the resolution question at 4 ("all-cases"). */
    private static AnswerState v1Answers() {
        AnswerState state = new AnswerState();
        for (Question question : V1.requiredQuestions()) {
            RawAnswer answer = question.id().equals("responsiveness-resolution") ? RawAnswer.choice("all-cases")
                    : levelTwo(question);
            state.record(Held.of("v1", question.id(), answer, question.levelOf(answer)));
        }
        return state;
    }

    @Test
    void v1AnswersCarryIntoV2ThroughTheMappingAndTheScoreFollowsByHand() {
        AnswerState state = v1Answers();
        Levels underV2 = state.levelsUnder(V2.questionnaire(), CATALOGUE);

        assertEquals(List.of(), underV2.notCarried());
        assertEquals(4, underV2.levels().get("responsiveness-resolution-public"), "a split question: both halves");
        assertEquals(4, underV2.levels().get("responsiveness-resolution-private"));
        assertNull(underV2.levels().get("responsiveness-resolution"), "not a question of v2");
        assertNull(underV2.levels().get("responsiveness-private-resolution-hours"), "new in v2: unanswered");
        assertEquals(2, underV2.levels().get("team-dedicated-staff"), "unchanged: carried as it is");

        // v1: responsiveness (2+2+2+4)/4 = 2.5, the nine others 2: index (9 x 1 + 1.5) / 10 x 100/3 = 35.0.
        MaturityRules.Maturity v1 = MaturityRules.score(V1, state.levelsUnder(V1, CATALOGUE));
        assertEquals(35.0, v1.index(), 1e-9);
        // v2: responsiveness (2+2+2+4+4)/5 = 2.8: index (9 x 1 + 1.8) / 10 x 100/3 = 36.0, and still determinate.
        MaturityRules.Maturity v2 = MaturityRules.score(V2.questionnaire(), underV2);
        assertEquals(36.0, v2.index(), 1e-9);
        assertTrue(v2.determinate());
        assertEquals(2, v2.phase());
    }

    @Test
    void theLatestAnswerWinsAcrossVersionsAndAnswersToALaterVersionDoNotCountInAnEarlierOne() {
        AnswerState state = v1Answers();
        Question publicResolution = V2.questionnaire().question("responsiveness-resolution-public").orElseThrow();
        state.record(Held.of("v2", publicResolution.id(), RawAnswer.choice("redirect"), 1));
        assertEquals(1, state.levelsUnder(V2.questionnaire(), CATALOGUE).levels()
                .get("responsiveness-resolution-public"));

        state.record(Held.of("v1", "responsiveness-resolution", RawAnswer.choice("most-cases"), 3));
        Levels underV2 = state.levelsUnder(V2.questionnaire(), CATALOGUE);
        assertEquals(3, underV2.levels().get("responsiveness-resolution-public"), "the v1 answer is the later one");
        assertEquals(3, underV2.levels().get("responsiveness-resolution-private"));

        Levels underV1 = state.levelsUnder(V1, CATALOGUE);
        assertEquals(List.of("v2/responsiveness-resolution-public"), underV1.notCarried());
        assertEquals(3, underV1.levels().get("responsiveness-resolution"));
        assertFalse(MaturityRules.score(V1, underV1).notCarried().isEmpty(), "the maturity names what it left out");
    }

    @Test
    void anAnswerNoMappingCarriesIsNamedAndLeftOut() {
        QuestionnaireCatalogue withoutCarry = QuestionnaireCatalogue.load().with(new QuestionnairePublished(
                V2.questionnaire(), new QuestionnaireMapping("v1", false, V2.mapping().questions()),
                Instant.parse("2026-11-27T10:00:00Z")));
        Levels underV2 = v1Answers().levelsUnder(V2.questionnaire(), withoutCarry);
        assertEquals(V1.requiredQuestions().size() - 1, underV2.notCarried().size(), underV2.notCarried().toString());
        assertTrue(underV2.notCarried().contains("v1/governance-owner"));
        assertEquals(2, underV2.levels().size(), "only the two halves of the split question");
    }

    @Test
    void aNumberCarriesItsValueWhichTheNewBandsPlace() {
        // A v2 whose staff question has wider bands: 2.5 is level 3 in v1 ([2, 5)) and level 2 here ([1, 3)).
        Questionnaire shifted = withStaffBands(V2.questionnaire(), List.of(new Band(BigDecimal.ZERO, BigDecimal.ONE, 1),
                new Band(BigDecimal.ONE, new BigDecimal("3"), 2), new Band(new BigDecimal("3"), new BigDecimal("8"), 3),
                new Band(new BigDecimal("8"), null, 4)));
        QuestionnaireCatalogue catalogue = QuestionnaireCatalogue.load().with(new QuestionnairePublished(shifted,
                V2.mapping(), Instant.parse("2026-11-27T10:00:00Z")));
        Question staff = V1.question("team-dedicated-staff").orElseThrow();
        RawAnswer twoAndAHalf = RawAnswer.number(new BigDecimal("2.5"));
        AnswerState state = new AnswerState();
        state.record(Held.of("v1", staff.id(), twoAndAHalf, staff.levelOf(twoAndAHalf)));
        assertEquals(3, staff.levelOf(twoAndAHalf));
        assertEquals(2, state.levelsUnder(shifted, catalogue).levels().get(staff.id()), "placed by v2's bands");

        AnswerState keptBeforeOptions = new AnswerState();
        keptBeforeOptions.record(new Held("v1", staff.id(), null, null, 3));
        assertEquals(List.of("v1/team-dedicated-staff"),
                keptBeforeOptions.levelsUnder(shifted, catalogue).notCarried(), "a level alone cannot be carried");
    }

    @Test
    void theNewestVersionAnsweredIsTheOneScored() {
        AnswerState state = v1Answers();
        assertEquals("v1", state.newestVersion(CATALOGUE).orElseThrow().version());
        state.record(Held.of("v2", "responsiveness-private-resolution-hours", RawAnswer.number(BigDecimal.ONE), 4));
        state.record(Held.of("v1", "governance-owner", RawAnswer.choice("executive"), 4));
        assertEquals("v2", state.newestVersion(CATALOGUE).orElseThrow().version(),
                "a later answer to v1 does not take the company back to v1");
        assertEquals(3.0, MaturityRules.score(state, CATALOGUE).orElseThrow().dimensions().stream()
                .filter(d -> d.id().equals("GOVERNANCE")).findFirst().orElseThrow().score(),
                "governance (4 + 2) / 2 under v2: the later v1 answer carried");
    }

    private static Questionnaire withStaffBands(Questionnaire q, List<Band> bands) {
        List<Question> questions = q.questions().stream().map(question -> !question.id().equals("team-dedicated-staff")
                ? question : new Question(question.id(), question.dimension(), question.type(), question.required(),
                question.optionalInScope(), question.text(), question.help(), question.options(), question.unit(),
                question.min(), question.max(), bands)).toList();
        return new Questionnaire(q.version(), q.phaseShare(), q.quadrantThreshold(), q.phases(), q.dimensions(),
                questions);
    }

    private static RawAnswer levelTwo(Question question) {
        if (question.type() == QuestionType.CHOICE) {
            return RawAnswer.choice(question.options().stream().filter(o -> o.level() == 2).findFirst().orElseThrow()
                    .id());
        }
        return RawAnswer.number(question.bands().stream().filter(b -> b.level() == 2).findFirst().orElseThrow()
                .from());
    }

}
