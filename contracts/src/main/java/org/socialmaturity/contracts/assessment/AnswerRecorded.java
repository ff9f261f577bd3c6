package org.socialmaturity.contracts.assessment;

import java.time.Instant;

/**
 * One answer was recorded or changed. {@code previousAnswer} is null for the first answer to the question
 * in this assessment; it lets an auditor read the change without replaying the stream.
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
        Instant recordedAt) {
}
