package org.socialmaturity.contracts.maturity;

import java.time.Instant;
import java.util.Map;

/** A company's determinate SMI quadrant changed; {@code fromQuadrant} is null for the first determinate result. */
public record QuadrantChanged(
        String companyId,
        String partnerId,
        Quadrant fromQuadrant,
        Quadrant toQuadrant,
        double investment,
        double innovation,
        Map<String, Double> dimensionScores,
        String causeEventId,
        long causeIndex,
        Instant changedAt) {
}
