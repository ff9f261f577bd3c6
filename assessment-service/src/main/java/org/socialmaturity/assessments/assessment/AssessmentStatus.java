package org.socialmaturity.assessments.assessment;

public enum AssessmentStatus {
    OPEN,
    SUBMITTED,
    CANCELLED
}
