package org.socialmaturity.contracts.maturity;

import java.time.Instant;
import java.util.Map;

/**
 * A company's determinate adoption phase changed. {@code fromPhase} is null for the first determinate result.
 * {@code causeEventId} is the event whose handling produced this change, {@code causeIndex} its global index: together
 * they make the change idempotent.
 */
public record MaturityPhaseChanged(
        String companyId,
        String partnerId,
        Integer fromPhase,
        int toPhase,
        Quadrant quadrant,
        double index,
        Map<String, Double> dimensionScores,
        String causeEventId,
        long causeIndex,
        Instant changedAt) {
}
