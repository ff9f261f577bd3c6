package org.socialmaturity.assessments.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitAssessment(@TargetAggregateIdentifier String assessmentId, String partnerId) {
}
