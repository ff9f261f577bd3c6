package org.socialmaturity.contracts.assessment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One answer was recorded or changed. {@code previousAnswer} is null for the first answer to the question
 * in this assessment; it lets an auditor read the change without replaying the stream. An answer imported from a
 * partner's past assessments names its import ({@code importId}, null otherwise) and is dated when it was given.
 */
public record AnswerRecorded(
        String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion,
        String questionId,
        RawAnswer answer,
        RawAnswer previousAnswer,
        String recordedBy,
        Instant recordedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String importId) {

    @JsonCreator
    public AnswerRecorded {
    }

    public AnswerRecorded(String assessmentId, String partnerId, String companyId, String questionnaireVersion,
                          String questionId, RawAnswer answer, RawAnswer previousAnswer, String recordedBy,
                          Instant recordedAt) {
        this(assessmentId, partnerId, companyId, questionnaireVersion, questionId, answer, previousAnswer, recordedBy,
                recordedAt, null);
    }
}
