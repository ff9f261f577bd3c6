package org.socialmaturity.assessments.assessment;

import org.socialmaturity.contracts.assessment.AssessmentStatus;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.socialmaturity.contracts.EventTime;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.contracts.rules.InvalidInput;
import org.socialmaturity.contracts.rules.BrokenRule;

/**
 * One maturity assessment of a company, answered against the questionnaire version it pinned when it started.
 * Every answer is validated here against that version; an answer identical to the current one appends nothing.
 */
public class Assessment {

    @AggregateIdentifier
    private String assessmentId;
    private String partnerId;
    private String companyId;
    private String questionnaireVersion;
    private AssessmentStatus status;
    private Instant startedAt;
    private Instant closedAt;
    private final Map<String, CurrentAnswer> answers = new LinkedHashMap<>();
    private transient Questionnaire questionnaire;

    protected Assessment() {
        // for Axon
    }

    @CommandHandler
    public Assessment(StartAssessment command, QuestionnaireCatalogue catalogue, Clock clock) {
        catalogue.version(command.questionnaireVersion()).orElseThrow(() -> new InvalidInput("questionnaireVersion",
                "must be one of " + catalogue.versions()));
        apply(new AssessmentStarted(command.assessmentId(), command.partnerId(), command.companyId(),
                command.questionnaireVersion(), EventTime.now(clock)));
    }

    @CommandHandler
    public AnswerOutcome handle(RecordAnswer command, QuestionnaireCatalogue catalogue,
                                @MetaDataValue(AxonRuntime.ACTOR) String actor, Clock clock) {
        requireVisibleTo(command.partnerId());
        requireOpen("answered");
        Questionnaire pinned = questionnaire(catalogue);
        Question question = pinned.question(command.questionId()).orElseThrow(() -> new InvalidInput("questionId",
                "is not a question of questionnaire " + questionnaireVersion));
        List<BrokenRule> violations = AnswerRules.check(question, command.answer());
        if (!violations.isEmpty()) {
            throw new AnswerRejected(violations);
        }
        CurrentAnswer current = answers.get(question.id());
        if (current != null && current.answer().sameAs(command.answer())) {
            return new AnswerOutcome(current, false);
        }
        apply(new AnswerRecorded(assessmentId, partnerId, companyId, questionnaireVersion, question.id(),
                command.answer(), current == null ? null : current.answer(), actor, EventTime.now(clock)));
        return new AnswerOutcome(answers.get(question.id()), true);
    }

    /**
     * A past assessment, whole in one commit: nothing of it is half-written. Importing it again (a retried import)
     * finds it recorded and changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ImportAssessment command, QuestionnaireCatalogue catalogue) {
        if (assessmentId != null) {
            return;
        }
        Questionnaire pinned = catalogue.version(command.questionnaireVersion()).orElseThrow(() ->
                new IllegalStateException("Import " + command.importId() + " pins unknown questionnaire "
                        + command.questionnaireVersion()));
        apply(new AssessmentStarted(command.assessmentId(), command.partnerId(), command.companyId(),
                command.questionnaireVersion(), command.at(), command.importId()));
        Instant at = command.at();
        for (ImportAssessment.Answer answer : command.answers()) {
            at = at.plusMillis(1);
            List<BrokenRule> violations = AnswerRules.check(pinned.question(answer.questionId()).orElseThrow(),
                    answer.answer());
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Import " + command.importId() + " holds an invalid answer to "
                        + answer.questionId() + ": " + violations);
            }
            CurrentAnswer current = answers.get(answer.questionId());
            apply(new AnswerRecorded(command.assessmentId(), command.partnerId(), command.companyId(),
                    command.questionnaireVersion(), answer.questionId(), answer.answer(),
                    current == null ? null : current.answer(), command.recordedBy(), at, command.importId()));
        }
        Instant closedAt = at.plusMillis(1);
        if (missing(pinned).isEmpty()) {
            apply(new AssessmentSubmitted(command.assessmentId(), command.partnerId(), command.companyId(),
                    command.recordedBy(), closedAt));
        } else {
            apply(new AssessmentCancelled(command.assessmentId(), command.partnerId(), command.companyId(),
                    "Imported incomplete (import " + command.importId() + ")", command.recordedBy(), closedAt));
        }
    }

    @CommandHandler
    public void handle(SubmitAssessment command, QuestionnaireCatalogue catalogue,
                       @MetaDataValue(AxonRuntime.ACTOR) String actor, Clock clock) {
        requireVisibleTo(command.partnerId());
        requireOpen("submitted");
        List<String> missing = missing(questionnaire(catalogue));
        if (!missing.isEmpty()) {
            throw new AssessmentIncomplete(missing);
        }
        apply(new AssessmentSubmitted(assessmentId, partnerId, companyId, actor, EventTime.now(clock)));
    }

    @CommandHandler
    public void handle(CancelAssessment command, @MetaDataValue(AxonRuntime.ACTOR) String actor, Clock clock) {
        requireVisibleTo(command.partnerId());
        requireOpen("cancelled");
        apply(new AssessmentCancelled(assessmentId, partnerId, companyId, command.reason(), actor, EventTime.now(clock)));
    }

    @EventSourcingHandler
    void on(AssessmentStarted event) {
        assessmentId = event.assessmentId();
        partnerId = event.partnerId();
        companyId = event.companyId();
        questionnaireVersion = event.questionnaireVersion();
        startedAt = event.startedAt();
        status = AssessmentStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AnswerRecorded event, QuestionnaireCatalogue catalogue) {
        int level = questionnaire(catalogue).question(event.questionId()).orElseThrow().levelOf(event.answer());
        answers.put(event.questionId(), new CurrentAnswer(event.questionId(), event.answer(), level,
                event.recordedBy(), event.recordedAt()));
    }

    @EventSourcingHandler
    void on(AssessmentSubmitted event) {
        status = AssessmentStatus.SUBMITTED;
        closedAt = event.submittedAt();
    }

    @EventSourcingHandler
    void on(AssessmentCancelled event) {
        status = AssessmentStatus.CANCELLED;
        closedAt = event.cancelledAt();
    }

    /** This assessment as its partner sees it; nothing when another partner asks. */
    public AssessmentState stateFor(String askingPartnerId, QuestionnaireCatalogue catalogue) {
        if (!partnerId.equals(askingPartnerId)) {
            return null;
        }
        Questionnaire pinned = questionnaire(catalogue);
        return new AssessmentState(assessmentId, partnerId, companyId, questionnaireVersion, status, startedAt,
                closedAt, List.copyOf(answers.values()), missing(pinned), pinned.requiredQuestions().size());
    }

    private List<String> missing(Questionnaire pinned) {
        return pinned.requiredQuestions().stream().map(Question::id).filter(id -> !answers.containsKey(id)).toList();
    }

    private Questionnaire questionnaire(QuestionnaireCatalogue catalogue) {
        if (questionnaire == null) {
            questionnaire = catalogue.version(questionnaireVersion).orElseThrow(() -> new IllegalStateException(
                    "Assessment " + assessmentId + " pins unpublished questionnaire " + questionnaireVersion));
        }
        return questionnaire;
    }

    private void requireVisibleTo(String askingPartnerId) {
        if (!partnerId.equals(askingPartnerId)) {
            throw new UnknownAssessment(assessmentId);
        }
    }

    private void requireOpen(String action) {
        if (status != AssessmentStatus.OPEN) {
            throw new AssessmentClosed(assessmentId, status, action);
        }
    }
}
