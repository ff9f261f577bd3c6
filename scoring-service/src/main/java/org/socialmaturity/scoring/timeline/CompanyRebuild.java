package org.socialmaturity.scoring.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.scoring.maturity.RecordMaturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;

/**
 * Heals one company's timeline that disagrees with the event store (an entry missing, a document behind its events):
 * reads the company's events back from the store, by aggregate (the company, its assessments, its maturity), applies
 * them in global order with the same {@link TimelineEvents} the projection uses, and replaces the stored timeline,
 * unless the projection moved on meanwhile, in which case it starts again. Events the projection had not applied yet
 * are left to it, so that their phase and quadrant changes are declared there, exactly once.
 */
@Singleton
public class CompanyRebuild {

    private static final Logger LOG = Logger.getLogger(CompanyRebuild.class);
    private static final int ATTEMPTS = 5;

    private final AxonRuntime axon;
    private final TimelineRepository timelines;
    private final TimelineEvents events;

    CompanyRebuild(AxonRuntime axon, TimelineRepository timelines, TimelineEvents events) {
        this.axon = axon;
        this.timelines = timelines;
        this.events = events;
    }

    /** @return the rebuilt timeline; empty when the store knows no such company */
    public Optional<CompanyTimeline> rebuild(String companyId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<CompanyTimeline> stored = timelines.find(companyId);
            long upTo = stored.map(t -> t.lastIndex).orElse(-1L);
            List<TrackedEventMessage<?>> companyEvents = eventsOf(companyId, stored);
            if (companyEvents.isEmpty()) {
                return Optional.empty();
            }
            CompanyTimeline rebuilt = new CompanyTimeline();
            rebuilt.companyId = companyId;
            List<Entry> entries = new ArrayList<>();
            for (TrackedEventMessage<?> event : companyEvents) {
                long index = GlobalIndex.of(event.trackingToken());
                if (index <= upTo) {
                    events.apply(rebuilt, event, index).ifPresent(entries::add);
                }
            }
            rebuilt.lastIndex = upTo;
            if (timelines.replace(rebuilt, entries, stored.map(t -> (Long) t.lastIndex).orElse(null),
                    stored.map(t -> t.entryCount).orElse(0))) {
                LOG.infof("Rebuilt the timeline of %s from %d events up to global index %d: %d entries",
                        companyId, companyEvents.size(), upTo, entries.size());
                return Optional.of(rebuilt);
            }
        }
        throw new IllegalStateException("The timeline of " + companyId + " kept changing during " + ATTEMPTS
                + " rebuilds");
    }

    /** Every event of the company's aggregates, in global order. */
    private List<TrackedEventMessage<?>> eventsOf(String companyId, Optional<CompanyTimeline> stored) {
        Set<String> aggregates = new LinkedHashSet<>(List.of(companyId, RecordMaturity.maturityIdOf(companyId)));
        stored.ifPresent(t -> {
            aggregates.addAll(t.aggregateIds());
            timelines.storedEntries(t).forEach(e -> aggregates.add(e.assessmentId()));
        });
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        for (String aggregate : aggregates) {
            all.addAll(axon.storageEngine().readTrackedEvents(aggregate));
        }
        all.sort(Comparator.comparingLong(e -> GlobalIndex.of(e.trackingToken())));
        return all;
    }
}
