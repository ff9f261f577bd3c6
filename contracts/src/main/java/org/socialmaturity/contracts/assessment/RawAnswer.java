package org.socialmaturity.contracts.assessment;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An answer exactly as the partner sent it: an option for a CHOICE question, a number for a NUMBER question, an
 * optional note and the evidence behind it; or, for a question its version marks optional in scope, that it does not
 * apply to the company ({@code notApplicable} true, with the {@code reason}, free text like a note). Kept raw so that
 * the level can be recomputed from the questionnaire, and audited. {@code evidence} is null when none was given (and in
 * events written before evidence existed); {@code notApplicable} and {@code reason} are null on every other answer.
 */
public record RawAnswer(String optionId, BigDecimal value, String note, List<Evidence> evidence,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean notApplicable,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    @JsonCreator
    public RawAnswer {
        evidence = evidence == null || evidence.isEmpty() ? null : List.copyOf(evidence);
        notApplicable = Boolean.TRUE.equals(notApplicable) ? Boolean.TRUE : null;
    }

    public RawAnswer(String optionId, BigDecimal value, String note, List<Evidence> evidence) {
        this(optionId, value, note, evidence, null, null);
    }

    public RawAnswer(String optionId, BigDecimal value, String note) {
        this(optionId, value, note, null);
    }

    /** The question does not apply to the company, for {@code reason}. */
    public static RawAnswer notApplicable(String reason) {
        return new RawAnswer(null, null, null, null, true, reason);
    }

    @JsonIgnore
    public boolean isNotApplicable() {
        return Boolean.TRUE.equals(notApplicable);
    }

    /** The same answer with another note (sealed, revealed or left out), its evidence kept. */
    public RawAnswer withNote(String otherNote) {
        return new RawAnswer(optionId, value, otherNote, evidence, notApplicable, reason);
    }

    /** The same answer with its free text (note and reason) mapped: sealed, revealed or left out. */
    public RawAnswer withTexts(String otherNote, String otherReason, List<Evidence> otherEvidence) {
        return new RawAnswer(optionId, value, otherNote, otherEvidence, notApplicable, otherReason);
    }

    public static RawAnswer choice(String optionId) {
        return new RawAnswer(optionId, null, null);
    }

    public static RawAnswer number(BigDecimal value) {
        return new RawAnswer(null, value, null);
    }

    /** Two answers say the same thing when option, number (by value, not scale), note, evidence and N/A agree. */
    public boolean sameAs(RawAnswer other) {
        if (other == null) {
            return false;
        }
        boolean sameValue = value == null ? other.value == null
                : other.value != null && value.compareTo(other.value) == 0;
        return sameValue
                && java.util.Objects.equals(optionId, other.optionId)
                && java.util.Objects.equals(note, other.note)
                && java.util.Objects.equals(evidence, other.evidence)
                && java.util.Objects.equals(notApplicable, other.notApplicable)
                && java.util.Objects.equals(reason, other.reason);
    }
}
