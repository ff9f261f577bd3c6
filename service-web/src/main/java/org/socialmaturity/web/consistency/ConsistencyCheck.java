package org.socialmaturity.web.consistency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.eventstore.deadletter.DeadLetters;
import org.socialmaturity.web.ServiceProjection;
import org.socialmaturity.web.consistency.ReadModelCheck.FirstDifference;
import org.socialmaturity.web.consistency.ReadModelCheck.Mismatch;

/**
 * The auditor's and operator's check after an incident: reads the whole event store once, groups it by company, and
 * runs the service's {@link ReadModelCheck}s on every company. Each difference says whether it is on its way to
 * healing: the service's projection has not reached the company's last event yet ({@code CATCHING_UP}), the company
 * waits in the dead-letter queue ({@code DEAD_LETTERED}), or neither ({@code DIFFERENT}).
 */
@Singleton
public class ConsistencyCheck {

    private final AxonRuntime axon;
    private final DeadLetters deadLetters;
    private final ServiceProjection projection;
    private final Instance<ReadModelCheck> checks;

    ConsistencyCheck(AxonRuntime axon, DeadLetters deadLetters, ServiceProjection projection,
                     @Any Instance<ReadModelCheck> checks) {
        this.axon = axon;
        this.deadLetters = deadLetters;
        this.projection = projection;
        this.checks = checks;
    }

    public ConsistencyReport run() {
        Instant checkedAt = Instant.now();
        String processor = projection.currentProcessor();
        Map<String, List<TrackedEventMessage<?>>> byCompany = readStore();
        long position = axon.progress(processor).map(p -> p.position().orElse(-1)).orElse(-1L);
        Set<String> deadLettered = deadLetters.list(processor).stream().map(DeadLetters.Sequence::sequence)
                .collect(Collectors.toSet());
        List<Difference> differences = new ArrayList<>();
        long events = 0;
        for (Map.Entry<String, List<TrackedEventMessage<?>>> company : byCompany.entrySet()) {
            List<TrackedEventMessage<?>> companyEvents = company.getValue();
            events += companyEvents.size();
            long last = companyEvents.get(companyEvents.size() - 1).trackingToken().position().orElse(-1);
            Healing state = deadLettered.contains(company.getKey()) ? Healing.DEAD_LETTERED
                    : last > position ? Healing.CATCHING_UP : Healing.DIFFERENT;
            for (ReadModelCheck check : checks) {
                for (Mismatch mismatch : check.compare(company.getKey(), companyEvents)) {
                    differences.add(new Difference(company.getKey(), mismatch.readModel(), mismatch.expected(),
                            mismatch.actual(), mismatch.firstDifference(), state));
                }
            }
        }
        long consistent = byCompany.size() - differences.stream().map(Difference::companyId).distinct().count();
        return new ConsistencyReport(processor, checkedAt, axon.storageEngine().headIndex(), events, position,
                byCompany.size(), consistent, differences);
    }

    /** The whole store, by company, each company's events in global order. */
    private Map<String, List<TrackedEventMessage<?>>> readStore() {
        SequencedByCompany companies = new SequencedByCompany();
        Map<String, List<TrackedEventMessage<?>>> byCompany = new LinkedHashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = axon.storageEngine().readEvents(null, false)) {
            stream.forEach(event -> byCompany.computeIfAbsent(String.valueOf(companies.getSequenceIdentifierFor(event)),
                    c -> new ArrayList<>()).add(event));
        }
        return byCompany;
    }

    @Schema(name = "ConsistencyReport", description = "The event store against the service's read models, per company")
    public record ConsistencyReport(
            @Schema(example = "maturity-timeline") String processor,
            Instant checkedAt,
            @Schema(description = "The last global index written", example = "12040") long head,
            @Schema(example = "12041") long events,
            @Schema(description = "The last global index the processor handled", example = "12040") long processorPosition,
            @Schema(example = "16") int companies,
            @Schema(description = "Companies whose read models all agree with the store", example = "15") long consistent,
            List<Difference> differences) {
    }

    /** One read model of one company that disagrees with the store, and whether it is healing. */
    @Schema(name = "ConsistencyDifference")
    public record Difference(
            String companyId,
            @Schema(example = "history") String readModel,
            long expected,
            long actual,
            FirstDifference firstDifference,
            @Schema(example = "DEAD_LETTERED") Healing state) {
    }

    /** Whether a difference is on its way to healing. */
    @Schema(name = "Healing", description = "CATCHING_UP: the projection has not reached the company's last event yet; "
            + "DEAD_LETTERED: the company waits in the dead-letter queue; DIFFERENT: neither")
    public enum Healing {
        CATCHING_UP, DEAD_LETTERED, DIFFERENT
    }
}
