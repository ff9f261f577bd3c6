package org.socialmaturity.scoring.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventMessage;
import org.socialmaturity.contracts.assessment.AssessmentStatus;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Option;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.contracts.maturity.AnswerState;
import org.socialmaturity.contracts.maturity.AnswerState.Held;
import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline.AssessmentInfo;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.CompanyTimeline.PhaseTransition;
import org.socialmaturity.scoring.timeline.CompanyTimeline.QuadrantTransition;
import org.socialmaturity.scoring.timeline.CompanyTimeline.StateAnswer;

/**
 * What each event does to a company's timeline, and nothing else (no storage, no commands): the one definition the
 * projection applies as events arrive and a company rebuild applies to the company's events read back from the store,
 * so that both arrive at the same timeline.
 */
@Singleton
public class TimelineEvents {

    private final QuestionnaireCatalogue catalogue;

    TimelineEvents(QuestionnaireCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Applies one event at global index {@code index} to the timeline, moving its {@code lastIndex} there.
     *
     * @return the history entry the event adds (for an answer), with the maturity it resulted in
     */
    public Optional<Entry> apply(CompanyTimeline timeline, EventMessage<?> message, long index) {
        Object payload = message.getPayload();
        Entry entry = null;
        if (payload instanceof CompanyRegistered registered) {
            timeline.companyId = registered.companyId();
            timeline.partnerId = registered.partnerId();
            timeline.companyName = registered.name();
            timeline.sector = registered.sector();
            timeline.country = registered.country();
            timeline.employees = registered.employees();
        } else if (payload instanceof AssessmentStarted started) {
            timeline.assessments.put(started.assessmentId(),
                    new AssessmentInfo(started.questionnaireVersion(), AssessmentStatus.OPEN, started.startedAt()));
        } else if (payload instanceof AssessmentSubmitted submitted) {
            close(timeline, submitted.assessmentId(), AssessmentStatus.SUBMITTED);
        } else if (payload instanceof AssessmentCancelled cancelled) {
            close(timeline, cancelled.assessmentId(), AssessmentStatus.CANCELLED);
        } else if (payload instanceof AnswerRecorded answer) {
            entry = answer(timeline, answer, message, index);
        } else if (payload instanceof MaturityPhaseChanged changed) {
            timeline.transitions.add(new PhaseTransition(changed.changedAt(), changed.fromPhase(), changed.toPhase(),
                    changed.causeEventId(), message.getIdentifier()));
        } else if (payload instanceof QuadrantChanged changed) {
            timeline.quadrantTransitions.add(new QuadrantTransition(changed.changedAt(), changed.fromQuadrant(),
                    changed.toQuadrant(), changed.causeEventId(), message.getIdentifier()));
        } else if (payload instanceof TargetSet target) {
            timeline.target = target;
        }
        timeline.lastIndex = index;
        return Optional.ofNullable(entry);
    }

    /**
     * The company's maturity after its latest answers, as its last entry has it: its state scored under the newest
     * questionnaire version it answers (answers to earlier ones carried by their mappings); empty before the first
     * answer.
     */
    public Optional<Maturity> now(CompanyTimeline timeline) {
        return MaturityRules.score(stateOf(timeline), catalogue);
    }

    /**
     * The timeline's state as the scoring rules read it, in the order answered. A state answer kept before versions
     * were data holds its level only: its option is the one of that level (each level has one in v1), its number the
     * lower bound of that level's band, so that it carries into a later version as the entries it came from do.
     */
    AnswerState stateOf(CompanyTimeline timeline) {
        AnswerState state = new AnswerState();
        timeline.state.values().forEach(a -> {
            String version = versionOf(timeline, a);
            if (a.optionId() != null || a.value() != null || a.level() == Question.NOT_APPLICABLE) {
                state.record(new Held(version, a.questionId(), a.optionId(), a.value(), a.level()));
                return;
            }
            Optional<Question> question = catalogue.version(version).flatMap(q -> q.question(a.questionId()));
            state.record(new Held(version, a.questionId(),
                    question.map(q -> q.options().stream().filter(o -> o.level() == a.level()).map(Option::id)
                            .toList()).filter(ids -> ids.size() == 1).map(ids -> ids.get(0)).orElse(null),
                    question.flatMap(q -> q.bands().stream().filter(b -> b.level() == a.level()).map(Band::from)
                            .findFirst()).orElse(null), a.level()));
        });
        return state;
    }

    /** A state answer kept before versions were data names none: its assessment's is the one. */
    private static String versionOf(CompanyTimeline timeline, StateAnswer answer) {
        if (answer.version() != null) {
            return answer.version();
        }
        AssessmentInfo assessment = timeline.assessments.get(answer.assessmentId());
        return assessment == null ? timeline.lastVersion : assessment.questionnaireVersion();
    }

    /**
     * Cancelled assessments count: their answers were given and stay in the state, because an answer describes the
     * company when it was given, whether or not the questionnaire was finished; cancelling only closes it.
     */
    private static void close(CompanyTimeline timeline, String assessmentId, AssessmentStatus status) {
        AssessmentInfo info = timeline.assessments.get(assessmentId);
        if (info != null) {
            timeline.assessments.put(assessmentId, info.withStatus(status));
        }
    }

    private Entry answer(CompanyTimeline timeline, AnswerRecorded event, EventMessage<?> message, long index) {
        Questionnaire pinned = pinned(event.questionnaireVersion(), message.getIdentifier());
        int level = pinned.question(event.questionId()).orElseThrow().levelOf(event.answer());
        timeline.lastVersion = event.questionnaireVersion();
        // Keyed by version and question, moved last: the state keeps the order answered.
        timeline.state.remove(event.questionId());
        String key = event.questionnaireVersion() + ":" + event.questionId();
        timeline.state.remove(key);
        timeline.state.put(key, new StateAnswer(event.questionId(), level, event.assessmentId(), event.recordedAt(),
                event.questionnaireVersion(), event.answer().optionId(), event.answer().value()));
        Maturity maturity = MaturityRules.score(stateOf(timeline), catalogue).orElseThrow();
        String actor = (String) message.getMetaData().get(AxonRuntime.ACTOR);
        String correlationId = (String) message.getMetaData().get(AxonRuntime.CORRELATION_ID);
        timeline.entryCount++;
        return new Entry(index, message.getIdentifier(), event.recordedAt(), event.assessmentId(),
                event.questionnaireVersion(), event.questionId(), event.previousAnswer(), event.answer(), level,
                actor != null ? actor : event.recordedBy(), correlationId, event.importId(), maturity);
    }

    /**
     * Stored entries with the maturity each resulted in, scored exactly as {@link #apply} scored it: the company's state
     * after the entry's answer, under the newest version it answers.
     *
     * @param state the company's state before the first of {@code stored} (empty for a company's first entry); moved
     *              past the last of them
     */
    public List<Entry> scored(List<Entry> stored, AnswerState state) {
        List<Entry> scored = new ArrayList<>(stored.size());
        for (Entry entry : stored) {
            pinned(entry.questionnaireVersion(), entry.eventId());
            state.record(Held.of(entry.questionnaireVersion(), entry.questionId(), entry.answer(), entry.level()));
            scored.add(entry.withMaturity(MaturityRules.score(state, catalogue).orElseThrow()));
        }
        return scored;
    }

    private Questionnaire pinned(String version, String eventId) {
        return catalogue.version(version).orElseThrow(() -> new IllegalStateException("Answer " + eventId
                + " pins unknown questionnaire " + version));
    }
}
