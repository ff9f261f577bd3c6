package org.socialmaturity.assessments.assessment;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.assessment.RawAnswer;

/**
 * Record a partner's past assessment, as it was given: started at {@code at}, each answer a millisecond after the one
 * before, and closed (submitted when complete, cancelled otherwise), every event naming the import. Answers, notes
 * and {@code recordedBy} arrive sealed, checked against {@code questionnaireVersion}.
 */
public record ImportAssessment(
        @TargetAggregateIdentifier String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion,
        Instant at,
        String recordedBy,
        List<Answer> answers,
        String importId) {

    public record Answer(String questionId, RawAnswer answer) {
    }
}
