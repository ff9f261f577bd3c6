package org.socialmaturity.assessments.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.contracts.rules.InvalidInput;

class AssessmentAggregateTest {

    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load();
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final AssessmentStarted STARTED = new AssessmentStarted("a1", "p1", "c1", "v1", T0);
    /** The instant every command of these tests is handled at, so that the events are known exactly. */
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final MetaData BY_MARIA = MetaData.with(AxonRuntime.ACTOR, "maria");

    private AggregateTestFixture<Assessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Assessment.class);
        fixture.registerInjectableResource(CATALOGUE);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void startPinsTheRequestedVersion() {
        fixture.givenNoPriorActivity()
                .when(new StartAssessment("a1", "p1", "c1", "v1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentStarted("a1", "p1", "c1", "v1", NOW));
    }

    @Test
    void anUnpublishedVersionCannotBeStarted() {
        fixture.givenNoPriorActivity()
                .when(new StartAssessment("a1", "p1", "c1", "v7"))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("questionnaireVersion must be one of [v1]")
                .expectNoEvents();
    }

    @Test
    void aFirstAnswerRecordsNoPreviousAndAChangeRecordsThePreviousOne() {
        fixture.given(STARTED)
                .when(new RecordAnswer("a1", "p1", "governance-owner", RawAnswer.choice("director")), BY_MARIA)
                .expectEvents(new AnswerRecorded("a1", "p1", "c1", "v1", "governance-owner",
                        RawAnswer.choice("director"), null, "maria", NOW))
                .expectResultMessagePayloadMatching(Matchers.matches(
                        r -> r instanceof AnswerOutcome o && o.changed() && o.current().level() == 3));

        fixture.given(STARTED, recorded("governance-owner", RawAnswer.choice("director")))
                .when(new RecordAnswer("a1", "p1", "governance-owner", RawAnswer.choice("executive")), BY_MARIA)
                .expectEvents(new AnswerRecorded("a1", "p1", "c1", "v1", "governance-owner",
                        RawAnswer.choice("executive"), RawAnswer.choice("director"), "maria", NOW));
    }

    @Test
    void theIdenticalAnswerAppendsNothing() {
        fixture.given(STARTED, recorded("team-dedicated-staff", RawAnswer.number(new BigDecimal("2.0"))))
                .when(new RecordAnswer("a1", "p1", "team-dedicated-staff", RawAnswer.number(new BigDecimal("2"))),
                        BY_MARIA)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.matches(r -> r instanceof AnswerOutcome o && !o.changed()));
    }

    @Test
    void anInvalidAnswerAppendsNothing() {
        fixture.given(STARTED)
                .when(new RecordAnswer("a1", "p1", "team-dedicated-staff", RawAnswer.number(new BigDecimal("-1"))),
                        BY_MARIA)
                .expectException(AnswerRejected.class)
                .expectExceptionMessage("value must be between 0 and 10000")
                .expectNoEvents();
    }

    @Test
    void anotherPartnerCannotAnswer() {
        fixture.given(STARTED)
                .when(new RecordAnswer("a1", "p2", "governance-owner", RawAnswer.choice("director")), BY_MARIA)
                .expectException(UnknownAssessment.class)
                .expectExceptionMessage("No assessment a1")
                .expectNoEvents();
    }

    @Test
    void submitNeedsEveryRequiredAnswer() {
        fixture.given(STARTED, recorded("governance-owner", RawAnswer.choice("director")))
                .when(new SubmitAssessment("a1", "p1"), BY_MARIA)
                .expectException(Matchers.matches(e -> e instanceof AssessmentIncomplete incomplete
                        && ((List<?>) incomplete.details().get("missing")).size()
                        == CATALOGUE.current().requiredQuestions().size() - 1))
                .expectNoEvents();

        List<Object> complete = new java.util.ArrayList<>(List.of(STARTED));
        for (Question q : CATALOGUE.current().requiredQuestions()) {
            complete.add(recorded(q.id(), q.type() == QuestionType.CHOICE ? RawAnswer.choice(q.options().get(0).id())
                    : RawAnswer.number(q.min())));
        }
        fixture.given(complete)
                .when(new SubmitAssessment("a1", "p1"), BY_MARIA)
                .expectEvents(new AssessmentSubmitted("a1", "p1", "c1", "maria", NOW));
    }

    @Test
    void aClosedAssessmentRefusesEverything() {
        AssessmentCancelled cancelled = new AssessmentCancelled("a1", "p1", "c1", "mistake", "maria", T0);
        fixture.given(STARTED, cancelled)
                .when(new RecordAnswer("a1", "p1", "governance-owner", RawAnswer.choice("director")), BY_MARIA)
                .expectException(AssessmentClosed.class)
                .expectExceptionMessage("Assessment a1 is CANCELLED and can no longer be answered")
                .expectNoEvents();
        fixture.given(STARTED, cancelled)
                .when(new CancelAssessment("a1", "p1", null), BY_MARIA)
                .expectException(AssessmentClosed.class)
                .expectNoEvents();
    }

    @Test
    void stateShowsLevelsAndMissingQuestionsOnlyToItsPartner() {
        fixture.given(STARTED, recorded("team-dedicated-staff", RawAnswer.number(new BigDecimal("5"))))
                .when(new RecordAnswer("a1", "p1", "governance-owner", RawAnswer.choice("junior-marketer")), BY_MARIA)
                .expectState(state -> {
                    AssessmentState seen = state.stateFor("p1", CATALOGUE);
                    assertEquals(List.of(4, 1), seen.answers().stream().map(CurrentAnswer::level).toList());
                    assertFalse(seen.missing().contains("governance-owner"));
                    assertTrue(seen.missing().contains("working-group"));
                    assertEquals(null, state.stateFor("p2", CATALOGUE));
                });
    }

    private static AnswerRecorded recorded(String questionId, RawAnswer answer) {
        return new AnswerRecorded("a1", "p1", "c1", "v1", questionId, answer, null, "maria", T0);
    }
}
