package org.socialmaturity.assessments.assessment;

import org.socialmaturity.contracts.assessment.AssessmentStatus;
import org.socialmaturity.contracts.rules.DomainException;

/** A submitted or cancelled assessment takes no more answers and cannot be submitted or cancelled again. */
public class AssessmentClosed extends DomainException {

    public AssessmentClosed(String assessmentId, AssessmentStatus status, String action) {
        super(Kind.CONFLICT, "assessment-closed", "The assessment is closed",
                "Assessment " + assessmentId + " is " + status + " and can no longer be " + action);
        with("assessmentStatus", status);
    }
}
