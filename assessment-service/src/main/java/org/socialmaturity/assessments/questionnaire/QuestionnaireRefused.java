package org.socialmaturity.assessments.questionnaire;

import java.util.List;

/** A version that breaks publication rules, with one sentence per rule broken. */
public class QuestionnaireRefused extends RuntimeException {

    private final List<String> problems;

    public QuestionnaireRefused(List<String> problems) {
        super("The questionnaire breaks " + problems.size() + " rule(s): " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
