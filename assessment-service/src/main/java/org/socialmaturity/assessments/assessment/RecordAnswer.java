package org.socialmaturity.assessments.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.assessment.RawAnswer;

/** Record or change one answer. Handled with the answer it leaves in place, and whether it changed anything. */
public record RecordAnswer(
        @TargetAggregateIdentifier String assessmentId,
        String partnerId,
        String questionId,
        RawAnswer answer) {
}
