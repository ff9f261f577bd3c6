package org.socialmaturity.assessments.assessment;

import java.time.Instant;

import org.socialmaturity.contracts.assessment.RawAnswer;

/** The answer a question holds now in an assessment, its level, and who gave it when. */
public record CurrentAnswer(String questionId, RawAnswer answer, int level, String recordedBy, Instant recordedAt) {
}
