package org.socialmaturity.scoring.timeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.scoring.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.scoring.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.maturity.RecordMaturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;

/**
 * Rebuilds every company's timeline from the event store, one company's events in global order (the processor is
 * sequenced by company), applying each with {@link TimelineEvents}, and declares each determinate phase or quadrant
 * change through {@code RecordMaturity}.
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
    private final TimelineEvents events;
    private final AxonRuntime axon;

    TimelineProjection(Timelines timelines, TimelineEvents events, AxonRuntime axon) {
        this.timelines = timelines;
        this.events = events;
        this.axon = axon;
    }

    @EventHandler
    void on(CompanyRegistered event, EventMessage<?> message, TrackingToken token) {
        apply(timelines.find(event.companyId()).orElseGet(CompanyTimeline::new), message, token);
    }

    @EventHandler
    void on(AssessmentStarted event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @EventHandler
    void on(AssessmentSubmitted event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @EventHandler
    void on(AssessmentCancelled event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @EventHandler
    void on(AnswerRecorded event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @EventHandler
    void on(MaturityPhaseChanged event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @EventHandler
    void on(QuadrantChanged event, EventMessage<?> message, TrackingToken token) {
        apply(timelineOf(event.companyId(), event.partnerId()), message, token);
    }

    @ResetHandler
    void reset() {
        timelines.deleteAll();
    }

    private void apply(CompanyTimeline timeline, EventMessage<?> message, TrackingToken token) {
        long index = GlobalIndex.of(token);
        if (index <= timeline.lastIndex) {
            return;
        }
        Optional<Entry> entry = events.apply(timeline, message, index);
        if (entry.isPresent()) {
            if (entry.get().maturity().determinate()) {
                declare((AnswerRecorded) message.getPayload(), entry.get());
            }
            timelines.saveEntry(timeline.companyId, timeline.entryCount - 1, entry.get());
        }
        timelines.save(timeline);
    }

    private void declare(AnswerRecorded event, Entry entry) {
        Maturity maturity = entry.maturity();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (DimensionScore dimension : maturity.dimensions()) {
            scores.put(dimension.id(), dimension.score());
        }
        RecordMaturity command = new RecordMaturity(RecordMaturity.maturityIdOf(event.companyId()),
                event.companyId(), event.partnerId(), entry.eventId(), entry.globalIndex(), maturity.phase(),
                maturity.quadrant(), maturity.index(), maturity.investment(), maturity.innovation(), scores,
                event.recordedAt());
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put(AxonRuntime.CORRELATION_ID, entry.correlationId());
        metaData.put(AxonRuntime.ACTOR, "scoring-service");
        CommandGateway gateway = axon.configuration().commandGateway();
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private CompanyTimeline timelineOf(String companyId, String partnerId) {
        return timelines.find(companyId).orElseGet(() -> {
            CompanyTimeline timeline = new CompanyTimeline();
            timeline.companyId = companyId;
            timeline.partnerId = partnerId;
            return timeline;
        });
    }
}
