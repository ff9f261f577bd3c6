package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.contracts.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineEvents;
import org.socialmaturity.web.JsonDocuments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

/**
 * Decides phase and quadrant changes, and nothing else: it scores each company's answers as they arrive (with the
 * same {@link TimelineEvents} the timeline uses) and declares every determinate result through
 * {@code RecordMaturity}, whose aggregate turns it into a change only when phase or quadrant moved. It keeps its own
 * small state per company ({@code maturity_decisions}), apart from the read models, so that rebuilding those never
 * declares anything, and it is never rebuilt itself: its token only moves forward. Sequenced by company.
 *
 * <p>Order matters for exactly-once: the change is declared, then the state saved. A crash in between declares again
 * on restart, which the {@code CompanyMaturity} aggregate ignores (it has seen the cause), while saved state skips
 * events it already applied.
 */
@Singleton
@ProcessingGroup(MaturityDecisions.PROCESSOR)
public class MaturityDecisions {

    public static final String PROCESSOR = "maturity-decisions";

    private final JsonDocuments<CompanyTimeline> states;
    private final TimelineEvents events;
    private final AxonRuntime axon;

    MaturityDecisions(MongoClient mongo, AxonSettings settings, ObjectMapper json, TimelineEvents events,
                      AxonRuntime axon) {
        this.states = new JsonDocuments<>(mongo.getDatabase(settings.serviceDatabase())
                .getCollection("maturity_decisions"), json, CompanyTimeline.class);
        this.events = events;
        this.axon = axon;
    }

    @EventHandler
    void on(CompanyRegistered event, EventMessage<?> message, TrackingToken token) {
        CompanyTimeline state = stateOf(event.companyId(), event.partnerId());
        if (GlobalIndex.of(token) > state.lastIndex) {
            events.apply(state, message, GlobalIndex.of(token));
            states.save(state.companyId, state);
        }
    }

    /** A target the company meets already is reached by being set: declared with the target as its cause. */
    @EventHandler
    void on(TargetSet event, EventMessage<?> message, TrackingToken token) {
        CompanyTimeline state = stateOf(event.companyId(), event.partnerId());
        long index = GlobalIndex.of(token);
        if (index <= state.lastIndex) {
            return;
        }
        events.apply(state, message, index);
        events.now(state).filter(Maturity::determinate).ifPresent(maturity -> declare(state, maturity,
                message.getIdentifier(), index, event.setAt(), correlationOf(message)));
        states.save(state.companyId, state);
    }

    @EventHandler
    void on(AnswerRecorded event, EventMessage<?> message, TrackingToken token) {
        CompanyTimeline state = stateOf(event.companyId(), event.partnerId());
        long index = GlobalIndex.of(token);
        if (index <= state.lastIndex) {
            return;
        }
        Optional<Entry> scored = events.apply(state, message, index);
        if (scored.isPresent() && scored.get().maturity().determinate()) {
            Entry entry = scored.get();
            declare(state, entry.maturity(), entry.eventId(), entry.globalIndex(), event.recordedAt(),
                    entry.correlationId());
        }
        states.save(state.companyId, state);
    }

    private void declare(CompanyTimeline state, Maturity maturity, String causeEventId, long causeIndex,
                         Instant causedAt, String correlationId) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (DimensionScore dimension : maturity.dimensions()) {
            scores.put(dimension.id(), dimension.score());
        }
        RecordMaturity command = new RecordMaturity(RecordMaturity.maturityIdOf(state.companyId), state.companyId,
                state.partnerId, causeEventId, causeIndex, maturity.phase(), maturity.quadrant(), maturity.index(),
                maturity.investment(), maturity.innovation(), scores, causedAt, state.target);
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put(AxonRuntime.CORRELATION_ID, correlationId);
        metaData.put(AxonRuntime.ACTOR, "scoring-service");
        axon.configuration().commandGateway()
                .sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private static String correlationOf(EventMessage<?> message) {
        Object correlationId = message.getMetaData().get(AxonRuntime.CORRELATION_ID);
        return correlationId != null ? correlationId.toString() : message.getIdentifier();
    }

    private CompanyTimeline stateOf(String companyId, String partnerId) {
        return states.find(companyId).orElseGet(() -> {
            CompanyTimeline state = new CompanyTimeline();
            state.companyId = companyId;
            state.partnerId = partnerId;
            return state;
        });
    }
}
