package org.socialmaturity.assessments.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartAssessment(
        @TargetAggregateIdentifier String assessmentId,
        String partnerId,
        String companyId,
        String questionnaireVersion) {
}
