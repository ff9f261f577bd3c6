package org.socialmaturity.assessments.assessment;

import org.socialmaturity.contracts.rules.NotFound;

/** The partner has no assessment with this id. */
public class UnknownAssessment extends NotFound {

    public UnknownAssessment(String assessmentId) {
        super("Assessment", assessmentId);
    }
}
