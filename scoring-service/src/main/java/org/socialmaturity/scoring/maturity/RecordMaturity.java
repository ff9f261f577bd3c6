package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.Quadrant;

/**
 * Record a company's determinate maturity after the event {@code causeEventId} (at global index
 * {@code causeIndex}). Creates the company's maturity record on first use.
 */
public record RecordMaturity(
        @TargetAggregateIdentifier String maturityId,
        String companyId,
        String partnerId,
        String causeEventId,
        long causeIndex,
        int phase,
        Quadrant quadrant,
        double index,
        double investment,
        double innovation,
        Map<String, Double> dimensionScores,
        Instant causedAt,
        TargetSet target) {

    public static String maturityIdOf(String companyId) {
        return "maturity:" + companyId;
    }
}
