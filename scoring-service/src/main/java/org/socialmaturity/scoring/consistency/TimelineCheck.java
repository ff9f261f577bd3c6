package org.socialmaturity.scoring.consistency;

import static org.socialmaturity.web.consistency.ReadModelCheck.compareIds;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.TimelineRepository;
import org.socialmaturity.web.consistency.ReadModelCheck;

/**
 * Scoring's read models against the store: every recorded answer is in the history (and so in the trajectory) once
 * and in order, and every declared phase and quadrant change is in the timeline. Entries are read past the cache, as
 * a restarted replica would see them.
 */
@Singleton
public class TimelineCheck implements ReadModelCheck {

    private final TimelineRepository timelines;

    TimelineCheck(TimelineRepository timelines) {
        this.timelines = timelines;
    }

    @Override
    public List<Mismatch> compare(String companyId, List<TrackedEventMessage<?>> events) {
        Optional<CompanyTimeline> timeline = timelines.find(companyId);
        return ReadModelCheck.present(
                compareIds("history", of(events, AnswerRecorded.class), timeline.map(timelines::storedEntries)
                        .orElse(List.of()).stream().map(CompanyTimeline.Entry::eventId).toList()),
                compareIds("phase-changes", of(events, MaturityPhaseChanged.class), timeline.map(t -> t.transitions
                        .stream().map(CompanyTimeline.PhaseTransition::eventId).toList()).orElse(List.of())),
                compareIds("quadrant-changes", of(events, QuadrantChanged.class), timeline.map(t -> t.quadrantTransitions
                        .stream().map(CompanyTimeline.QuadrantTransition::eventId).toList()).orElse(List.of())));
    }

    private static List<TrackedEventMessage<?>> of(List<TrackedEventMessage<?>> events, Class<?> type) {
        return events.stream().filter(e -> type.isInstance(e.getPayload())).toList();
    }
}
