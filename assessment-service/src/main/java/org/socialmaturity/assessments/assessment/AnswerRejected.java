package org.socialmaturity.assessments.assessment;

import java.util.List;

import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

/** An answer that does not fit its question in the pinned questionnaire. */
public class AnswerRejected extends InvalidInput {

    public AnswerRejected(List<BrokenRule> brokenRules) {
        super(brokenRules);
    }

    public AnswerRejected(String field, String rule) {
        super(field, rule);
    }
}
