package org.socialmaturity.contracts.company;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A partner set the maturity its company aims at: a phase and, optionally, a whole level (1 to 4) for some dimensions,
 * to reach by a date. A new target replaces the one before; {@code targetId} tells them apart.
 */
public record TargetSet(
        String companyId,
        String partnerId,
        String targetId,
        int phase,
        Map<String, Integer> dimensionLevels,
        LocalDate due,
        Instant setAt) {

    public TargetSet {
        dimensionLevels = dimensionLevels == null ? Map.of() : Map.copyOf(dimensionLevels);
    }

    /** Whether a maturity of this phase and these dimension scores meets the target. */
    public boolean metBy(int reachedPhase, Map<String, Double> dimensionScores) {
        return reachedPhase >= phase && dimensionLevels.entrySet().stream().allMatch(level -> {
            Double score = dimensionScores.get(level.getKey());
            return score != null && score >= level.getValue();
        });
    }
}
