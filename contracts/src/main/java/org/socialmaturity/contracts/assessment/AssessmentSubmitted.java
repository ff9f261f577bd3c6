package org.socialmaturity.contracts.assessment;

import java.time.Instant;

/** Every required question had an answer and the partner closed the assessment. */
public record AssessmentSubmitted(
        String assessmentId,
        String partnerId,
        String companyId,
        String submittedBy,
        Instant submittedAt) {
}
