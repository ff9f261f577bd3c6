package org.socialmaturity.recommendations.advice;

import java.util.List;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.recommendations.advice.AdviceLogView.Issued;
import org.socialmaturity.web.consistency.ReadModelCheck;

/** The advice log against the store: every phase and quadrant change declared has its advice, once, in order. */
@Singleton
public class AdviceCheck implements ReadModelCheck {

    private final AdviceLogProjection logs;

    AdviceCheck(AdviceLogProjection logs) {
        this.logs = logs;
    }

    @Override
    public List<Mismatch> compare(String companyId, List<TrackedEventMessage<?>> events) {
        List<TrackedEventMessage<?>> changes = events.stream()
                .filter(e -> e.getPayload() instanceof MaturityPhaseChanged || e.getPayload() instanceof QuadrantChanged)
                .toList();
        List<String> advised = logs.find(companyId).map(log -> log.issued.stream().map(Issued::causeEventId).toList())
                .orElse(List.of());
        return ReadModelCheck.present(ReadModelCheck.compareIds("advice", changes, advised));
    }
}
