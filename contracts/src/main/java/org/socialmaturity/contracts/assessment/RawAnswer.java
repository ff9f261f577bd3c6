package org.socialmaturity.contracts.assessment;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * An answer exactly as the partner sent it: an option for a CHOICE question, a number for a NUMBER question, an
 * optional note and the evidence behind it. Kept raw so that the level can be recomputed from the questionnaire, and
 * audited. {@code evidence} is null when none was given (and in events written before evidence existed).
 */
public record RawAnswer(String optionId, BigDecimal value, String note, List<Evidence> evidence) {

    @JsonCreator
    public RawAnswer {
        evidence = evidence == null || evidence.isEmpty() ? null : List.copyOf(evidence);
    }

    public RawAnswer(String optionId, BigDecimal value, String note) {
        this(optionId, value, note, null);
    }

    /** The same answer with another note (sealed, revealed or left out), its evidence kept. */
    public RawAnswer withNote(String otherNote) {
        return new RawAnswer(optionId, value, otherNote, evidence);
    }

    public static RawAnswer choice(String optionId) {
        return new RawAnswer(optionId, null, null);
    }

    public static RawAnswer number(BigDecimal value) {
        return new RawAnswer(null, value, null);
    }

    /** Two answers say the same thing when option, number (by value, not scale), note and evidence agree. */
    public boolean sameAs(RawAnswer other) {
        if (other == null) {
            return false;
        }
        boolean sameValue = value == null ? other.value == null
                : other.value != null && value.compareTo(other.value) == 0;
        return sameValue
                && java.util.Objects.equals(optionId, other.optionId)
                && java.util.Objects.equals(note, other.note)
                && java.util.Objects.equals(evidence, other.evidence);
    }
}
