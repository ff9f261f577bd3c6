package org.socialmaturity.assessments.questionnaire;

import java.util.List;

import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

/** A version that breaks publication rules, with one sentence per rule broken, on the mapping or the questionnaire. */
public class QuestionnaireRefused extends InvalidInput {

    public QuestionnaireRefused(List<String> problems) {
        super(problems.stream().map(problem -> new BrokenRule(
                problem.startsWith("mapping") ? "mapping" : "questionnaire", problem)).toList());
    }
}
