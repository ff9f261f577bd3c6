package org.socialmaturity.contracts.maturity;

import java.time.Instant;

/**
 * A company's maturity met the target its partner set ({@code targetId}), after the event {@code causeEventId} (at
 * global index {@code causeIndex}): an answer, or the target itself when it was met already. Declared once per target.
 */
public record TargetReached(
        String companyId,
        String partnerId,
        String targetId,
        int targetPhase,
        int phase,
        double index,
        String causeEventId,
        long causeIndex,
        Instant reachedAt) {
}
