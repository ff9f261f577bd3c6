package org.socialmaturity.assessments.assessment;

import java.util.ArrayList;
import java.util.List;

import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Option;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.rules.BrokenRule;

/**
 * Whether an answer fits its question in the pinned questionnaire: the rules every recorded answer passed. The note
 * reaches the aggregate sealed (personal data): its length is checked where it is read, in {@link AnswerRequest}.
 */
public final class AnswerRules {

    private AnswerRules() {
    }

    public static List<BrokenRule> check(Question question, RawAnswer answer) {
        List<BrokenRule> violations = new ArrayList<>();
        if (answer.isNotApplicable()) {
            if (!question.optionalInScope()) {
                violations.add(new BrokenRule("notApplicable", question.id() + " is not optional in scope: it "
                        + "applies to every company"));
            }
        } else if (question.type() == QuestionType.CHOICE) {
            if (answer.value() != null) {
                violations.add(new BrokenRule("value", "must be absent: " + question.id() + " is a CHOICE question, send optionId"));
            }
            if (answer.optionId() == null) {
                violations.add(new BrokenRule("optionId", "is required for CHOICE question " + question.id()));
            } else if (question.option(answer.optionId()).isEmpty()) {
                violations.add(new BrokenRule("optionId", "must be one of "
                        + question.options().stream().map(Option::id).toList()));
            }
        } else {
            if (answer.optionId() != null) {
                violations.add(new BrokenRule("optionId", "must be absent: " + question.id() + " is a NUMBER question, send value"));
            }
            if (answer.value() == null) {
                violations.add(new BrokenRule("value", "is required for NUMBER question " + question.id()));
            } else if (!question.withinBounds(answer.value())) {
                violations.add(new BrokenRule("value", "must be between " + question.min().toPlainString() + " and "
                        + question.max().toPlainString()));
            }
        }
        return violations;
    }
}
