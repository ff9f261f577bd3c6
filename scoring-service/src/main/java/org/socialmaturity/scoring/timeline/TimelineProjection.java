package org.socialmaturity.scoring.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventMessage;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentCancelled;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.AssessmentSubmitted;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.web.readmodel.GenerationalReadModel;

/**
 * Every company's timeline and history, built from the event store by {@link TimelineEvents} alone: no commands, no
 * side effects, so that it can be rebuilt side by side any time (the phase and quadrant changes it shows are the
 * events {@code MaturityDecisions} declared).
 */
@Singleton
public class TimelineProjection implements GenerationalReadModel<CompanyTimeline> {

    private static final List<Class<?>> EVENTS = List.of(CompanyRegistered.class, AssessmentStarted.class,
            AssessmentSubmitted.class, AssessmentCancelled.class, AnswerRecorded.class, MaturityPhaseChanged.class,
            QuadrantChanged.class, TargetSet.class);

    private final TimelineRepository timelines;
    private final TimelineEvents events;

    TimelineProjection(TimelineRepository timelines, TimelineEvents events) {
        this.timelines = timelines;
        this.events = events;
    }

    @Override
    public String name() {
        return TimelineRepository.READ_MODEL;
    }

    @Override
    public boolean handles(Object payload) {
        return EVENTS.contains(payload.getClass());
    }

    @Override
    public Map<String, CompanyTimeline> load(int generation, Collection<String> keys) {
        return timelines.findAll(generation, keys);
    }

    @Override
    public CompanyTimeline create(String key) {
        CompanyTimeline timeline = new CompanyTimeline();
        timeline.companyId = key;
        return timeline;
    }

    @Override
    public boolean apply(CompanyTimeline timeline, EventMessage<?> event, long index) {
        if (index <= timeline.lastIndex) {
            return false;
        }
        Object payload = event.getPayload();
        if (timeline.partnerId == null && !(payload instanceof CompanyRegistered)) {
            timeline.partnerId = partnerOf(payload);
        }
        Optional<Entry> entry = events.apply(timeline, event, index);
        entry.ifPresent(timeline.unsavedEntries::add);
        return true;
    }

    @Override
    public long lastIndex(CompanyTimeline timeline) {
        return timeline.lastIndex;
    }

    @Override
    public Set<String> write(int generation, Map<String, CompanyTimeline> documents, Map<String, Long> readAt) {
        Set<String> changed = timelines.write(generation, documents, readAt);
        documents.values().forEach(timeline -> timeline.unsavedEntries.clear());
        return changed;
    }

    @Override
    public void drop(int generation) {
        timelines.drop(generation);
    }

    /** Events other than the registration name the partner too; the first one seen sets it. */
    private static String partnerOf(Object payload) {
        if (payload instanceof AssessmentStarted e) {
            return e.partnerId();
        } else if (payload instanceof AssessmentSubmitted e) {
            return e.partnerId();
        } else if (payload instanceof AssessmentCancelled e) {
            return e.partnerId();
        } else if (payload instanceof AnswerRecorded e) {
            return e.partnerId();
        } else if (payload instanceof MaturityPhaseChanged e) {
            return e.partnerId();
        } else if (payload instanceof QuadrantChanged e) {
            return e.partnerId();
        } else if (payload instanceof TargetSet e) {
            return e.partnerId();
        }
        return null;
    }
}
