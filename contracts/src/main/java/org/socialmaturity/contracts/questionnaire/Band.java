package org.socialmaturity.contracts.questionnaire;

import java.math.BigDecimal;

/** Numbers in [from, to) map to {@code level}; a null {@code to} is open-ended. */
public record Band(BigDecimal from, BigDecimal to, int level) {

    public boolean contains(BigDecimal value) {
        return value.compareTo(from) >= 0 && (to == null || value.compareTo(to) < 0);
    }
}
