package org.socialmaturity.contracts.assessment;

import java.time.Instant;

/** An assessment began; it pins the questionnaire version it is answered against. */
public record AssessmentStarted(
        String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion,
        Instant startedAt) {
}
