package org.socialmaturity.assessments.assessment;

import org.socialmaturity.contracts.assessment.AssessmentStatus;
import java.time.Instant;
import java.util.List;

/** A consistent picture of one assessment, read from its events. */
public record AssessmentState(
        String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion,
        AssessmentStatus status,
        Instant startedAt,
        Instant closedAt,
        List<CurrentAnswer> answers,
        List<String> missing,
        int required) {
}
