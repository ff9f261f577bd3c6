package org.socialmaturity.contracts.assessment;

import java.time.Instant;

/** The partner abandoned an open assessment. Its answers stay in the history. */
public record AssessmentCancelled(
        String assessmentId,
        String partnerId,
        String companyId,
        String reason,
        String cancelledBy,
        Instant cancelledAt) {
}
