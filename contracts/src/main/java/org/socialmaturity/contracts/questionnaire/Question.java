package org.socialmaturity.contracts.questionnaire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.socialmaturity.contracts.assessment.RawAnswer;

/**
 * A question of the questionnaire. CHOICE questions carry options, NUMBER questions carry a unit, bounds and bands. A
 * question {@code optionalInScope} may be answered as not applicable to the company (a required one too: that answers
 * it), which leaves it out of its dimension's mean.
 */
public record Question(
        String id,
        String dimension,
        QuestionType type,
        boolean required,
        boolean optionalInScope,
        Text text,
        Text help,
        List<Option> options,
        Text unit,
        BigDecimal min,
        BigDecimal max,
        List<Band> bands) {

    /** The level of an answer saying the question does not apply: none, so it counts in no mean. */
    public static final int NOT_APPLICABLE = 0;

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        bands = bands == null ? List.of() : List.copyOf(bands);
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    public boolean withinBounds(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    /**
     * The level (1-4) an answer stands for, {@link #NOT_APPLICABLE} for one saying the question does not apply. The
     * answer must already be valid for this question.
     *
     * @throws IllegalArgumentException when it is not
     */
    public int levelOf(RawAnswer answer) {
        if (answer.isNotApplicable()) {
            if (!optionalInScope) {
                throw new IllegalArgumentException(id + " is not optional in scope");
            }
            return NOT_APPLICABLE;
        }
        if (type == QuestionType.CHOICE) {
            return option(answer.optionId())
                    .orElseThrow(() -> new IllegalArgumentException(id + " has no option " + answer.optionId()))
                    .level();
        }
        BigDecimal value = answer.value();
        return bands.stream().filter(b -> value != null && b.contains(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no band for " + value))
                .level();
    }
}
