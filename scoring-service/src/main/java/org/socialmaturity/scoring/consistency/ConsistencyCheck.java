package org.socialmaturity.scoring.consistency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.ProcessorProgress;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.eventstore.deadletter.DeadLetters;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineProjection;
import org.socialmaturity.scoring.timeline.Timelines;

/**
 * The auditor's and operator's check after an incident: reads the whole event store once and compares, company by
 * company, what it holds with what the read models say: every recorded answer is in the history (and so in the
 * trajectory) exactly once and in order, every phase and quadrant change declared is in the timeline, and every change
 * was advised ({@code AdviceIssued} in the store). A difference is reported with the first event that differs and
 * whether it is on its way to healing: the projection has not reached that event yet ({@code CATCHING_UP}), the
 * company waits in the dead-letter queue ({@code DEAD_LETTERED}), or neither ({@code DIFFERENT}).
 */
@Singleton
public class ConsistencyCheck {

    /** Advice follows a change within seconds; a younger change without advice is still on its way. */
    private static final Duration ADVICE_GRACE = Duration.ofSeconds(30);

    private final AxonRuntime axon;
    private final Timelines timelines;
    private final DeadLetters deadLetters;

    ConsistencyCheck(AxonRuntime axon, Timelines timelines, DeadLetters deadLetters) {
        this.axon = axon;
        this.timelines = timelines;
        this.deadLetters = deadLetters;
    }

    public ConsistencyReport run() {
        Instant checkedAt = Instant.now();
        Map<String, CompanyEvents> byCompany = readStore();
        ProcessorProgress progress = axon.progress(TimelineProjection.PROCESSOR).orElseThrow();
        long position = progress.position().orElse(-1);
        Set<String> deadLettered = deadLetters.list(TimelineProjection.PROCESSOR).stream()
                .map(DeadLetters.Sequence::sequence).collect(Collectors.toSet());
        List<Difference> differences = new ArrayList<>();
        long events = 0;
        for (Map.Entry<String, CompanyEvents> company : byCompany.entrySet()) {
            CompanyEvents expected = company.getValue();
            events += expected.events;
            String state = deadLettered.contains(company.getKey()) ? "DEAD_LETTERED"
                    : expected.lastIndex > position ? "CATCHING_UP" : "DIFFERENT";
            Optional<CompanyTimeline> timeline = timelines.find(company.getKey());
            List<Entry> entries = timeline.map(timelines::storedEntries).orElse(List.of());
            compare(company.getKey(), "history", expected.answers, entries.stream().map(Entry::eventId).toList(),
                    expected, state, differences);
            compare(company.getKey(), "phase-changes", expected.phaseChanges,
                    timeline.map(t -> t.transitions.stream().map(CompanyTimeline.PhaseTransition::eventId).toList())
                            .orElse(List.of()), expected, state, differences);
            compare(company.getKey(), "quadrant-changes", expected.quadrantChanges,
                    timeline.map(t -> t.quadrantTransitions.stream().map(CompanyTimeline.QuadrantTransition::eventId)
                            .toList()).orElse(List.of()), expected, state, differences);
            int changes = expected.phaseChanges.size() + expected.quadrantChanges.size();
            if (expected.advice != changes) {
                boolean recent = expected.lastChangeAt != null
                        && expected.lastChangeAt.plus(ADVICE_GRACE).isAfter(checkedAt);
                differences.add(new Difference(company.getKey(), "advice", changes, expected.advice, null,
                        recent ? "CATCHING_UP" : "DIFFERENT"));
            }
        }
        long consistent = byCompany.size() - differences.stream().map(Difference::companyId).distinct().count();
        return new ConsistencyReport(checkedAt, axon.storageEngine().headIndex(), events, position,
                byCompany.size(), consistent, differences);
    }

    private static void compare(String companyId, String readModel, List<Indexed> expected, List<String> actual,
                                CompanyEvents company, String state, List<Difference> differences) {
        int first = 0;
        while (first < expected.size() && first < actual.size() && expected.get(first).eventId().equals(actual.get(first))) {
            first++;
        }
        if (first == expected.size() && first == actual.size()) {
            return;
        }
        Indexed at = first < expected.size() ? expected.get(first) : null;
        differences.add(new Difference(companyId, readModel, expected.size(), actual.size(),
                at == null ? new FirstDifference(null, actual.get(first)) : new FirstDifference(at.globalIndex(),
                        at.eventId()), state));
    }

    private Map<String, CompanyEvents> readStore() {
        SequencedByCompany companies = new SequencedByCompany();
        Map<String, CompanyEvents> byCompany = new LinkedHashMap<>();
        try (var stream = axon.storageEngine().readEvents(null, false)) {
            stream.forEach(event -> {
                String company = String.valueOf(companies.getSequenceIdentifierFor(event));
                byCompany.computeIfAbsent(company, c -> new CompanyEvents()).add(event);
            });
        }
        return byCompany;
    }

    private static final class CompanyEvents {
        final List<Indexed> answers = new ArrayList<>();
        final List<Indexed> phaseChanges = new ArrayList<>();
        final List<Indexed> quadrantChanges = new ArrayList<>();
        int advice;
        long events;
        long lastIndex = -1;
        Instant lastChangeAt;

        void add(TrackedEventMessage<?> event) {
            long index = event.trackingToken().position().orElse(-1);
            Indexed indexed = new Indexed(index, event.getIdentifier());
            events++;
            lastIndex = Math.max(lastIndex, index);
            Object payload = event.getPayload();
            if (payload instanceof AnswerRecorded) {
                answers.add(indexed);
            } else if (payload instanceof MaturityPhaseChanged) {
                phaseChanges.add(indexed);
                lastChangeAt = event.getTimestamp();
            } else if (payload instanceof QuadrantChanged) {
                quadrantChanges.add(indexed);
                lastChangeAt = event.getTimestamp();
            } else if (payload instanceof AdviceIssued) {
                advice++;
            }
        }
    }

    private record Indexed(long globalIndex, String eventId) {
    }

    /** What the operator reads: how many companies agree with the store, and each difference. */
    public record ConsistencyReport(Instant checkedAt, long head, long events, long processorPosition, int companies,
                                    long consistent, List<Difference> differences) {
    }

    /**
     * One read model of one company that disagrees with the store: how many events it should reflect and does, the
     * first event that differs (missing, or an entry the store does not explain), and whether it is healing.
     */
    public record Difference(String companyId, String readModel, long expected, long actual,
                             FirstDifference firstDifference, String state) {
    }

    public record FirstDifference(Long globalIndex, String eventId) {
    }
}
