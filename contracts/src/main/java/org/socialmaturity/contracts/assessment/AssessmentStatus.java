package org.socialmaturity.contracts.assessment;

/** Where an assessment stands: it takes answers while OPEN, and none once SUBMITTED or CANCELLED. */
public enum AssessmentStatus {
    OPEN,
    SUBMITTED,
    CANCELLED
}
