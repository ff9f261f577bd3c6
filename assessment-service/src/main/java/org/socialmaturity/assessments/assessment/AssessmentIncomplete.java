package org.socialmaturity.assessments.assessment;

import java.util.List;

import org.socialmaturity.contracts.rules.DomainException;

/** An assessment is submitted only once every required question of its questionnaire has an answer. */
public class AssessmentIncomplete extends DomainException {

    public AssessmentIncomplete(List<String> missing) {
        super(Kind.CONFLICT, "assessment-incomplete", "Required questions are unanswered",
                missing.size() + " required question(s) have no answer");
        with("missing", List.copyOf(missing));
    }
}
