package org.socialmaturity.scoring.timeline;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.scoring.maturity.MaturityRules;
import org.socialmaturity.scoring.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.scoring.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.maturity.RecordMaturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline.AssessmentInfo;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.CompanyTimeline.PhaseTransition;
import org.socialmaturity.scoring.timeline.CompanyTimeline.QuadrantTransition;
import org.socialmaturity.scoring.timeline.CompanyTimeline.StateAnswer;

/**
 * Rebuilds every company's timeline from the event store, one company's events in global order (the processor is
 * sequenced by company), and declares each determinate phase or quadrant change through {@code RecordMaturity}.
 *
 * <p>Cancelled assessments count: their answers were given and stay in the state, because an answer describes the
 * company when it was given, whether or not the questionnaire was finished; cancelling only closes the assessment.
 *
 * <p>Order matters for exactly-once: the change is declared, then the entry written, then the company document
 * saved. A crash in between re-declares on restart (the {@code CompanyMaturity} aggregate ignores a cause it has
 * seen) and rewrites the same entry, while a saved company document skips events it already applied.
 */
@Singleton
@ProcessingGroup(TimelineProjection.PROCESSOR)
public class TimelineProjection {

    public static final String PROCESSOR = "maturity-timeline";

    private final Timelines timelines;
    private final QuestionnaireCatalogue catalogue;
    private final AxonRuntime axon;

    TimelineProjection(Timelines timelines, QuestionnaireCatalogue catalogue, AxonRuntime axon) {
        this.timelines = timelines;
        this.catalogue = catalogue;
        this.axon = axon;
    }

    @EventHandler
    void on(CompanyRegistered event, TrackingToken token) {
        CompanyTimeline timeline = timelines.find(event.companyId()).orElseGet(CompanyTimeline::new);
        if (applied(timeline, token)) {
            return;
        }
        timeline.companyId = event.companyId();
        timeline.partnerId = event.partnerId();
        timeline.companyName = event.name();
        save(timeline, token);
    }

    @EventHandler
    void on(AssessmentStarted event, TrackingToken token) {
        CompanyTimeline timeline = timelineOf(event.companyId(), event.partnerId());
        if (applied(timeline, token)) {
            return;
        }
        timeline.assessments.put(event.assessmentId(),
                new AssessmentInfo(event.questionnaireVersion(), "OPEN", event.startedAt()));
        save(timeline, token);
    }

    @EventHandler
    void on(AssessmentSubmitted event, TrackingToken token) {
        closed(event.companyId(), event.partnerId(), event.assessmentId(), "SUBMITTED", token);
    }

    @EventHandler
    void on(AssessmentCancelled event, TrackingToken token) {
        closed(event.companyId(), event.partnerId(), event.assessmentId(), "CANCELLED", token);
    }

    @EventHandler
    void on(AnswerRecorded event, EventMessage<?> message, TrackingToken token,
            @MetaDataValue(AxonRuntime.CORRELATION_ID) String correlationId,
            @MetaDataValue(AxonRuntime.ACTOR) String actor) {
        CompanyTimeline timeline = timelineOf(event.companyId(), event.partnerId());
        if (applied(timeline, token)) {
            return;
        }
        Questionnaire pinned = catalogue.version(event.questionnaireVersion()).orElseThrow(() ->
                new IllegalStateException("Answer " + message.getIdentifier() + " pins unknown questionnaire "
                        + event.questionnaireVersion()));
        int level = pinned.question(event.questionId()).orElseThrow().levelOf(event.answer());
        timeline.state.put(event.questionId(), new StateAnswer(event.questionId(), level, event.assessmentId(),
                event.recordedAt()));
        Map<String, Integer> levels = new LinkedHashMap<>();
        timeline.state.values().forEach(a -> levels.put(a.questionId(), a.level()));
        Maturity maturity = MaturityRules.score(pinned, levels);
        long index = GlobalIndex.of(token);
        if (maturity.determinate()) {
            declare(event, message.getIdentifier(), index, maturity, correlationId, actor);
        }
        timelines.saveEntry(timeline, new Entry(index, message.getIdentifier(), event.recordedAt(),
                event.assessmentId(), event.questionId(), event.previousAnswer(), event.answer(), level,
                actor != null ? actor : event.recordedBy(), correlationId, maturity));
        timeline.entryCount++;
        save(timeline, token);
    }

    @EventHandler
    void on(MaturityPhaseChanged event, EventMessage<?> message, TrackingToken token) {
        CompanyTimeline timeline = timelineOf(event.companyId(), event.partnerId());
        if (applied(timeline, token)) {
            return;
        }
        timeline.transitions.add(new PhaseTransition(event.changedAt(), event.fromPhase(), event.toPhase(),
                event.causeEventId(), message.getIdentifier()));
        save(timeline, token);
    }

    @EventHandler
    void on(QuadrantChanged event, EventMessage<?> message, TrackingToken token) {
        CompanyTimeline timeline = timelineOf(event.companyId(), event.partnerId());
        if (applied(timeline, token)) {
            return;
        }
        timeline.quadrantTransitions.add(new QuadrantTransition(event.changedAt(), event.fromQuadrant(),
                event.toQuadrant(), event.causeEventId(), message.getIdentifier()));
        save(timeline, token);
    }

    @ResetHandler
    void reset() {
        timelines.deleteAll();
    }

    private void declare(AnswerRecorded event, String causeEventId, long causeIndex, Maturity maturity,
                         String correlationId, String actor) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (DimensionScore dimension : maturity.dimensions()) {
            scores.put(dimension.id(), dimension.score());
        }
        RecordMaturity command = new RecordMaturity(RecordMaturity.maturityIdOf(event.companyId()),
                event.companyId(), event.partnerId(), causeEventId, causeIndex, maturity.phase(),
                maturity.quadrant(), maturity.index(), maturity.investment(), maturity.innovation(), scores,
                event.recordedAt());
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put(AxonRuntime.CORRELATION_ID, correlationId);
        metaData.put(AxonRuntime.ACTOR, "scoring-service");
        CommandGateway gateway = axon.configuration().commandGateway();
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private void closed(String companyId, String partnerId, String assessmentId, String status, TrackingToken token) {
        CompanyTimeline timeline = timelineOf(companyId, partnerId);
        if (applied(timeline, token)) {
            return;
        }
        AssessmentInfo info = timeline.assessments.get(assessmentId);
        if (info != null) {
            timeline.assessments.put(assessmentId, info.withStatus(status));
        }
        save(timeline, token);
    }

    private CompanyTimeline timelineOf(String companyId, String partnerId) {
        return timelines.find(companyId).orElseGet(() -> {
            CompanyTimeline timeline = new CompanyTimeline();
            timeline.companyId = companyId;
            timeline.partnerId = partnerId;
            return timeline;
        });
    }

    private static boolean applied(CompanyTimeline timeline, TrackingToken token) {
        return GlobalIndex.of(token) <= timeline.lastIndex;
    }

    private void save(CompanyTimeline timeline, TrackingToken token) {
        timeline.lastIndex = GlobalIndex.of(token);
        timelines.save(timeline);
    }
}
