package org.socialmaturity.contracts.advice;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A partner assigned an item of the advice issued to its company (by its code: the same item issued again is the same
 * piece of work): who owns it, by when, and where it stands. The owner is personal data, stored sealed with the owner's
 * own key; {@code null} owner or due date means none.
 */
public record RoadmapItemUpdated(
        String companyId,
        String partnerId,
        String itemCode,
        String owner,
        LocalDate due,
        RoadmapStatus status,
        Instant updatedAt) {
}
