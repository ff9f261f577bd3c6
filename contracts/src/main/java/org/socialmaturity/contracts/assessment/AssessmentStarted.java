package org.socialmaturity.contracts.assessment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An assessment began; it pins the questionnaire version it is answered against. One imported from a partner's past
 * assessments names its import ({@code importId}, null otherwise) and began when the past one did.
 */
public record AssessmentStarted(
        String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion,
        Instant startedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String importId) {

    @JsonCreator
    public AssessmentStarted {
    }

    public AssessmentStarted(String assessmentId, String partnerId, String companyId, String questionnaireVersion,
                             Instant startedAt) {
        this(assessmentId, partnerId, companyId, questionnaireVersion, startedAt, null);
    }
}
