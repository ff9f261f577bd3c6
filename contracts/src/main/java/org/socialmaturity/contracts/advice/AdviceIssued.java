package org.socialmaturity.contracts.advice;

import java.time.Instant;
import java.util.List;

/**
 * Advice was issued to a company because of a phase or quadrant change. Items are catalogue codes; their texts
 * live in the advice catalogue in every language. {@code causeEventId} makes issuing idempotent.
 */
public record AdviceIssued(
        String adviceId,
        String companyId,
        String partnerId,
        Trigger trigger,
        List<String> itemCodes,
        String causeEventId,
        Instant issuedAt) {

    /** What caused the advice: {@code type} is PHASE_ENTERED, PHASE_DROPPED or QUADRANT_CHANGED. */
    public record Trigger(String type, String from, String to) {
    }
}
