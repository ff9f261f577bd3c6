package org.socialmaturity.assessments.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelAssessment(@TargetAggregateIdentifier String assessmentId, String partnerId, String reason) {
}
