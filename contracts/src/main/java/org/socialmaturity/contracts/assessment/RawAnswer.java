package org.socialmaturity.contracts.assessment;

import java.math.BigDecimal;

/**
 * An answer exactly as the partner sent it: an option for a CHOICE question, a number for a NUMBER question.
 * Kept raw so that the level can be recomputed from the questionnaire, and audited.
 */
public record RawAnswer(String optionId, BigDecimal value, String note) {

    public static RawAnswer choice(String optionId) {
        return new RawAnswer(optionId, null, null);
    }

    public static RawAnswer number(BigDecimal value) {
        return new RawAnswer(null, value, null);
    }

    /** Two answers say the same thing when option, number (by value, not scale) and note agree. */
    public boolean sameAs(RawAnswer other) {
        if (other == null) {
            return false;
        }
        boolean sameValue = value == null ? other.value == null
                : other.value != null && value.compareTo(other.value) == 0;
        return sameValue
                && java.util.Objects.equals(optionId, other.optionId)
                && java.util.Objects.equals(note, other.note);
    }
}
